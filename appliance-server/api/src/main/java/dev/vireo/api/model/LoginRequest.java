package dev.vireo.api.model;

/** Body of {@code POST /api/v1/auth/login}. */
public record LoginRequest(String username, String password) {}
