package dev.vireo.api.model;

/** Life of a job; SUCCEEDED and FAILED are final. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
