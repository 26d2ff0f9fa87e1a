package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A just-registered client: {@code id} is its OAuth {@code client_id}; {@code clientSecret} is
 * shown this once (the server keeps only its hash) and is null for a public client.
 */
public record OAuthClientCreated(String id, String name, boolean confidential, List<String> redirectUris,
    List<String> grantTypes, List<String> scopes, String accountId, Instant createdAt, String clientSecret) {}
