package dev.vireo.api.model;

/**
 * A bearer token for the {@code Authorization} header, and when it expires. With
 * {@code mustChangePassword} the token opens only the caller's own account and password change.
 */
public record LoginResponse(String token, java.time.Instant expiresAt, String username, boolean mustChangePassword) {}
