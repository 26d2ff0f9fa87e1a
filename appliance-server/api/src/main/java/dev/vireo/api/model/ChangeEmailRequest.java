package dev.vireo.api.model;

/** Body of {@code POST /api/v1/auth/email}: the caller's new login e-mail, proven by its password. */
public record ChangeEmailRequest(String currentPassword, String newEmail) {}
