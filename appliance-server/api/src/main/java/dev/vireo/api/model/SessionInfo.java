package dev.vireo.api.model;

/**
 * One logged-in session of an account (never its token): when it began and was last used, when it
 * expires, the address it logged in from, and whether it is the caller's own.
 */
public record SessionInfo(String id, java.time.Instant createdAt, java.time.Instant lastUsedAt,
    java.time.Instant expiresAt, String sourceIp, boolean current) {}
