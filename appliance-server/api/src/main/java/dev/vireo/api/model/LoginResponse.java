package dev.vireo.api.model;

/** A bearer token for the {@code Authorization} header, and when it expires. */
public record LoginResponse(String token, java.time.Instant expiresAt, String username) {}
