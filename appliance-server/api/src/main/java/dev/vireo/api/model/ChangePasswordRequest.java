package dev.vireo.api.model;

/** Body of {@code POST /api/v1/auth/password}: the caller's own password change. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {}
