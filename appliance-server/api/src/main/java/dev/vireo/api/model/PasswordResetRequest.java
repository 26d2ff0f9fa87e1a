package dev.vireo.api.model;

/** Body of {@code POST /api/v1/auth/password-reset}: the token of the e-mailed link and the new password. */
public record PasswordResetRequest(String token, String newPassword) {}
