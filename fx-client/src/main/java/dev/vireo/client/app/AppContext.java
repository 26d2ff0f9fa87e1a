package dev.vireo.client.app;

import dev.vireo.api.client.VireoClient;

/**
 * What every screen of a logged-in client shares: the SDK client of the session, the background
 * pool for its calls, the UI executor, the UI text, the user's preferences, and the region the
 * main window's switcher shows ({@link RegionChoice}).
 */
public record AppContext(VireoClient client, Background io, UiExecutor ui, Messages text, ClientPreferences prefs,
    RegionChoice region) {
  /** With a region choice of its own (all regions until a switcher sets one). */
  public AppContext(VireoClient client, Background io, UiExecutor ui, Messages text, ClientPreferences prefs) {
    this(client, io, ui, text, prefs, new RegionChoice());
  }
}
