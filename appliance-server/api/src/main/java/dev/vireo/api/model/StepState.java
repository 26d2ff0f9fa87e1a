package dev.vireo.api.model;

/** Life of one step of a job. */
public enum StepState {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  ROLLED_BACK
}
