package dev.vireo.api.model;

/** The white paper's VM states (4.2.3) plus CREATING, REBOOTING, MIGRATING, FAILED and UNKNOWN. */
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
  UNKNOWN
}
