package dev.vireo.api.model;

/** Asks for a new ID-token signing key; {@code reason} (optional, at most 256 characters) goes to the operation log. */
public record RotateSigningKeyRequest(String reason) {}
