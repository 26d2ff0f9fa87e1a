package dev.vireo.client.app;

import dev.vireo.api.client.VireoClient;

/**
 * What every screen of a logged-in client shares: the SDK client of the session, the background
 * pool for its calls, the UI executor, the UI text, and the user's preferences.
 */
public record AppContext(VireoClient client, Background io, UiExecutor ui, Messages text, ClientPreferences prefs) {}
