package dev.vireo.client.main;

/** A {@link dev.vireo.client.app.Screen} that F5 reloads. */
public interface Refreshable {
  /** Loads the screen's data again (off the FX thread, through Background). */
  void refresh();
}
