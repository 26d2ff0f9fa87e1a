package dev.vireo.client.login;

import java.util.function.Consumer;

/**
 * A screen that changes the platform's branding (the settings): the shell listens and applies the
 * new branding to its window (title, icon, header logo) without a new login.
 */
public interface BrandingChanges {
  /** {@code listener} gets each new branding, on the UI executor. */
  void onBrandingChanged(Consumer<Branding> listener);
}
