package dev.vireo.server.scheduler;

import java.util.Set;

/**
 * Capacity held on a node for a VM that was placed there but is not yet recorded on it (so it is
 * not yet in a snapshot built from the inventory).
 */
public record Reservation(String vmId, String nodeId, int cpu, long memoryBytes, int gpus, Set<String> groups) {
  public Reservation {
    groups = Set.copyOf(groups);
  }

  static Reservation of(String vmId, String nodeId, PlacementRequest r) {
    java.util.Set<String> groups = new java.util.HashSet<>();
    r.vmGroups().forEach(g -> groups.add(g.group()));
    return new Reservation(vmId, nodeId, r.cpu(), r.memoryBytes(), r.gpus(), groups);
  }
}
