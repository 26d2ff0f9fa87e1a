package dev.vireo.api.model;

/**
 * Whether a node takes new VMs (white paper 5.5): UNLOCKED does; LOCKED does not, its VMs keep
 * running; ENTERING_MAINTENANCE while its VMs are moved away; MAINTENANCE once it is empty. Only a
 * LOCKED node enters maintenance; leaving maintenance returns it to LOCKED.
 */
public enum NodeSchedulingStatus {
  UNLOCKED,
  LOCKED,
  ENTERING_MAINTENANCE,
  MAINTENANCE
}
