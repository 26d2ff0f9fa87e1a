package dev.vireo.api.model;

/**
 * Outcome of a logged operation. RUNNING: answered 202 and its job is still at work (or the call
 * itself is in flight); the entry turns SUCCEEDED or FAILED when the job ends.
 */
public enum OperationResult {
  RUNNING,
  SUCCEEDED,
  FAILED
}
