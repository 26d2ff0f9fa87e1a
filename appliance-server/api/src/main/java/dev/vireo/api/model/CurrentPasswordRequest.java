package dev.vireo.api.model;

/** A body proving the caller knows its password (e.g. to turn its two-factor authentication off). */
public record CurrentPasswordRequest(String currentPassword) {}
