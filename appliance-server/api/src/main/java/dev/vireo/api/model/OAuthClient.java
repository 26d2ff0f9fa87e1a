package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * An application registered with the server's OAuth 2.0 provider (ADR 0043); its tokens act with
 * the rights of the account that registered it. The secret is never shown again after creation.
 */
public record OAuthClient(String id, String name, boolean confidential, List<String> redirectUris,
    List<String> grantTypes, List<String> scopes, String accountId, Instant createdAt) {}
