package dev.vireo.api.model;

/** The answer to a rotation: the new signing key and the one it replaced (still published for verification). */
public record RotatedSigningKey(String keyId, String previousKeyId) {}
