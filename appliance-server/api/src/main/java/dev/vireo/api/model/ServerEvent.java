package dev.vireo.api.model;

/**
 * One entry of the server-sent event stream {@code GET /api/v1/events}: a resource of
 * {@code kind} (job, vm, node, image, spec, cluster) changed to {@code state}.
 */
public record ServerEvent(long seq, String kind, String id, String state, java.time.Instant at) {}
