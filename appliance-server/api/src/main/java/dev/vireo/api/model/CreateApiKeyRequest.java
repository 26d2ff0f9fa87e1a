package dev.vireo.api.model;

/** Body of {@code POST /api/v1/accounts/{id}/api-keys} (may be empty): what the key is for. */
public record CreateApiKeyRequest(String description) {}
