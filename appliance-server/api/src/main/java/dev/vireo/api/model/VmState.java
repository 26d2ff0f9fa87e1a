package dev.vireo.api.model;

/** The white paper's VM states (4.2.3) plus CREATING, REBOOTING, FAILED and UNKNOWN. */
public enum VmState {
  CREATING,
  STARTING,
  RUNNING,
  STOPPING,
  POWERING_OFF,
  REBOOTING,
  STOPPED,
  REINSTALLING,
  DELETING,
  DELETED,
  FAILED,
  UNKNOWN
}
