package dev.vireo.api.model;

import java.util.List;

/**
 * Registers an OAuth client: {@code confidential} (default true) clients get a secret; public ones
 * must use PKCE. Omitted grant types and scopes default to the code and refresh grants and every scope.
 */
public record CreateOAuthClientRequest(String name, Boolean confidential, List<String> redirectUris,
    List<String> grantTypes, List<String> scopes) {}
