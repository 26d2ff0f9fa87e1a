package dev.vireo.api.model;

/** Body of {@code POST /api/v1/auth/totp/confirm}: the first code the authenticator app shows. */
public record TotpCodeRequest(String code) {}
