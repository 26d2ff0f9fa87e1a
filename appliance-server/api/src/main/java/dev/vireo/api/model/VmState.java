package dev.vireo.api.model;

/**
 * The white paper's VM states (4.2.3) plus CREATING, REBOOTING, MIGRATING, FAILED and UNKNOWN;
 * SUSPENDING and SUSPENDED: suspend-to-file ("暂存"), memory saved on the shared storage.
 */
public enum VmState {
  CREATING,
  STARTING,
  RUNNING,
  STOPPING,
  POWERING_OFF,
  REBOOTING,
  MIGRATING,
  STOPPED,
  REINSTALLING,
  DELETING,
  DELETED,
  FAILED,
  UNKNOWN,
  // suspend-to-file (white paper 4.2.3 "暂存")
  SUSPENDING,
  SUSPENDED
}
