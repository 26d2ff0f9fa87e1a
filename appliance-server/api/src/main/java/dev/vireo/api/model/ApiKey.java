package dev.vireo.api.model;

import java.time.Instant;

/**
 * An API key pair of an account (white paper 7.2, ADR 0042): requests signed with it act with the
 * account's roles and regions. {@code secret} is present only in the answer that creates the key.
 */
public record ApiKey(String accessKey, String accountId, String description, boolean enabled, Instant createdAt,
    Instant lastUsedAt, String secret) {}
