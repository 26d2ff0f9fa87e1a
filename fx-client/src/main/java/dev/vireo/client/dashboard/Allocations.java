package dev.vireo.client.dashboard;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums allocation the way the server's scheduler counts it: every VM placed on a node holds its
 * vCPUs and memory (stopped ones too); a node offers its CPUs times its cluster's overcommit ratio
 * and its memory; storage is what the storage clusters handed out against their measured capacity.
 */
public final class Allocations {
  private static final long GIB = 1L << 30;

  private Allocations() {}

  /** CPU, memory and storage, in that order. */
  public static List<Allocation> of(List<Node> nodes, List<Cluster> clusters, List<Vm> vms,
      List<StorageCluster> storage) {
    Map<String, Integer> overcommit = new HashMap<>();
    clusters.forEach(c -> overcommit.put(c.id(), c.cpuOvercommitPercent()));
    double cpuTotal = 0;
    double memoryTotal = 0;
    for (Node n : nodes) {
      cpuTotal += n.cpus() * overcommit.getOrDefault(n.clusterId(), 100) / 100.0;
      memoryTotal += n.memoryBytes();
    }
    double cpu = 0;
    double memory = 0;
    for (Vm v : vms) {
      if (v.nodeId() != null && v.state() != VmState.DELETED) {
        cpu += v.cpu();
        memory += (double) v.memoryGiB() * GIB;
      }
    }
    double storageAllocated = 0;
    double storageTotal = 0;
    for (StorageCluster s : storage) {
      storageAllocated += s.allocatedBytes();
      storageTotal += s.capacityBytes() == null ? 0 : s.capacityBytes();
    }
    return List.of(new Allocation(Allocation.CPU, cpu, cpuTotal), new Allocation(Allocation.MEMORY, memory, memoryTotal),
        new Allocation(Allocation.STORAGE, storageAllocated, storageTotal));
  }
}
