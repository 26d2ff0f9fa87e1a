package dev.vireo.client.vms;

/**
 * The dialogs a view-model needs, behind an interface so view-models are tested without the FX
 * toolkit ({@link FxDialogService} in the app, a fake in tests). Called on the UI thread.
 */
public interface DialogService {
  /** Asks the user to confirm; whether they did. */
  boolean confirm(String title, String message);
}
