package dev.vireo.api.model;

/** The trivial endpoint {@code GET /api/v1/ping}. */
public record Ping(String status, String version, java.time.Instant time) {}
