package dev.vireo.api.model;

/** What an isolation group relates its VMs to: other VMs of the group, or the group's chosen nodes. */
public enum GroupKind {
  VM,
  NODE
}
