package dev.vireo.api.model;

/** Lifecycle of a storage cluster: checked on the nodes while CREATING, then AVAILABLE. */
public enum StorageClusterState {
  CREATING,
  AVAILABLE,
  DELETING
}
