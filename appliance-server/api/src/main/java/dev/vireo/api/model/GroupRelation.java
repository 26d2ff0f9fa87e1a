package dev.vireo.api.model;

/** Together (same node as the group's VMs / on the group's nodes) or apart (never next to them / never on them). */
public enum GroupRelation {
  AFFINITY,
  ANTI_AFFINITY
}
