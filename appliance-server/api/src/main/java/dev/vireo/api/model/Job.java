package dev.vireo.api.model;

/** An asynchronous operation: {@code GET /api/v1/jobs/{id}}. */
public record Job(
    String id,
    String type,
    JobState state,
    String resourceType,
    String resourceId,
    String error,
    java.util.List<JobStep> steps,
    java.time.Instant createdAt,
    java.time.Instant updatedAt,
    java.time.Instant finishedAt) {}
