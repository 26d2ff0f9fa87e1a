package dev.vireo.api.model;

/** Whether the server hears a node's heartbeats. */
public enum NodeState {
  CONNECTED,
  DISCONNECTED
}
