package dev.vireo.api.model;

/** Body of {@code POST /api/v1/auth/password-recovery}: the account's e-mail address. */
public record PasswordRecoveryRequest(String email) {}
