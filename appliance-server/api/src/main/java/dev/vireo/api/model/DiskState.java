package dev.vireo.api.model;

/**
 * The white paper's disk states (4.5.2): creating, available, attaching, attached, detaching,
 * expanding, deleted; plus CLONING while it is copied into a new disk, DELETING while the volume is
 * removed, ERROR when creating it failed and MIGRATING while it moves to another storage cluster
 * (ADR 0026); SNAPSHOTTING while a snapshot of the detached disk is taken, deleted or rolled back to
 * (ADR 0025).
 */
public enum DiskState {
  CREATING,
  AVAILABLE,
  ATTACHING,
  ATTACHED,
  DETACHING,
  EXPANDING,
  CLONING,
  DELETING,
  DELETED,
  ERROR,
  MIGRATING,
  // disk snapshots (ADR 0025)
  SNAPSHOTTING
}
