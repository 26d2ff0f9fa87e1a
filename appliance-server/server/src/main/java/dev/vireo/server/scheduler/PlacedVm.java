package dev.vireo.server.scheduler;

import java.util.Set;

/** A VM already on a node, as the scheduler sees it: its allocation and its VM isolation groups. */
public record PlacedVm(String id, int cpu, long memoryBytes, int gpus, Set<String> groups) {
  public PlacedVm {
    groups = Set.copyOf(groups);
  }

  public static PlacedVm of(String id, int cpu, int memoryGiB) {
    return new PlacedVm(id, cpu, (long) memoryGiB << 30, 0, Set.of());
  }

  public PlacedVm inGroups(String... groupNames) {
    return new PlacedVm(id, cpu, memoryBytes, gpus, Set.of(groupNames));
  }
}
