package dev.vireo.api.model;

/**
 * Whether the server hears a node's heartbeats. {@code DOWN}: declared failed by HA (heartbeats
 * missing and more than half of its cluster's other nodes cannot reach it); its VMs were
 * restarted elsewhere or stopped, and it stays DOWN until it is back and cleaned up.
 */
public enum NodeState {
  CONNECTED,
  DISCONNECTED,
  DOWN
}
