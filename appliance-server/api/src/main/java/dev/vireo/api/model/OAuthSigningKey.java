package dev.vireo.api.model;

import java.time.Instant;

/**
 * A key of the OAuth provider's JWK Set (ADR 0043): the current one signs ID tokens; the previous
 * one, kept after a rotation, only verifies. {@code since}: when the key began signing (current)
 * or stopped (previous).
 */
public record OAuthSigningKey(String keyId, boolean current, Instant since) {}
