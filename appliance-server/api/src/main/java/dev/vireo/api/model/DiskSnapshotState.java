package dev.vireo.api.model;

/**
 * A disk snapshot's states: CREATING, AVAILABLE, ROLLING_BACK while the disk is rolled back to it,
 * COPYING while a new disk is made from it, DELETING, DELETED, ERROR when taking it failed.
 */
public enum DiskSnapshotState {
  CREATING,
  AVAILABLE,
  ROLLING_BACK,
  COPYING,
  DELETING,
  DELETED,
  ERROR
}
