package dev.vireo.api.model;

/**
 * An asynchronous operation: {@code GET /api/v1/jobs/{id}}. {@code progress}: whole percent of the
 * running step's measured work (a storage migration's copy, ADR 0028), null for steps that report none.
 */
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
    java.time.Instant finishedAt,
    Integer progress) {

  /** Without progress. */
  public Job(String id, String type, JobState state, String resourceType, String resourceId, String error,
      java.util.List<JobStep> steps, java.time.Instant createdAt, java.time.Instant updatedAt,
      java.time.Instant finishedAt) {
    this(id, type, state, resourceType, resourceId, error, steps, createdAt, updatedAt, finishedAt, null);
  }
}
