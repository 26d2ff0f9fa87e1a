package dev.vireo.client.login;

import dev.vireo.api.client.VireoClient;

/** A successful login: the SDK client holding the session's token, and the user's name. */
public record LoginResult(VireoClient client, String username) {}
