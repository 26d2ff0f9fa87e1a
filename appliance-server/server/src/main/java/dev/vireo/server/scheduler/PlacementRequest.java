package dev.vireo.server.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a new VM needs: cluster, CPU architecture, vCPUs, memory, GPUs and its isolation groups. */
public record PlacementRequest(String vmId, String clusterId, String arch, int cpu, int memoryGiB, int gpus,
    List<VmGroupRule> vmGroups, List<NodeGroupRule> nodeGroups) {
  public PlacementRequest {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(arch, "arch");
    clusterId = clusterId.intern(); // as in NodeCandidate: equal strings are the same string
    arch = arch.intern();
    if (cpu < 1 || memoryGiB < 1 || gpus < 0) {
      throw new IllegalArgumentException("cpu and memory must be positive, gpus not negative");
    }
    vmGroups = List.copyOf(vmGroups);
    nodeGroups = List.copyOf(nodeGroups);
  }

  public static PlacementRequest of(String vmId, String clusterId, String arch, int cpu, int memoryGiB) {
    return new PlacementRequest(vmId, clusterId, arch, cpu, memoryGiB, 0, List.of(), List.of());
  }

  public long memoryBytes() {
    return (long) memoryGiB << 30;
  }

  public PlacementRequest withGpus(int count) {
    return new PlacementRequest(vmId, clusterId, arch, cpu, memoryGiB, count, vmGroups, nodeGroups);
  }

  public PlacementRequest withVmGroup(VmGroupRule rule) {
    List<VmGroupRule> rules = new ArrayList<>(vmGroups);
    rules.add(rule);
    return new PlacementRequest(vmId, clusterId, arch, cpu, memoryGiB, gpus, rules, nodeGroups);
  }

  public PlacementRequest withNodeGroup(NodeGroupRule rule) {
    List<NodeGroupRule> rules = new ArrayList<>(nodeGroups);
    rules.add(rule);
    return new PlacementRequest(vmId, clusterId, arch, cpu, memoryGiB, gpus, vmGroups, rules);
  }

  /** The same needs for another VM. */
  public PlacementRequest forVm(String otherVmId) {
    return new PlacementRequest(otherVmId, clusterId, arch, cpu, memoryGiB, gpus, vmGroups, nodeGroups);
  }
}
