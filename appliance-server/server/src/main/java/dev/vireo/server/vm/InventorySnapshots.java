package dev.vireo.server.vm;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.scheduler.ClusterSnapshot;
import dev.vireo.server.scheduler.NodeCandidate;
import dev.vireo.server.scheduler.PlacedVm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the scheduler's snapshot from the inventory: every node (state, cluster, arch, CPUs,
 * memory; the cluster's overcommit ratio) and, for the nodes of the cluster being placed in, the
 * live (not DELETED) VMs recorded on them with their vCPUs, memory and VM isolation groups (by
 * group name). Nodes of other clusters are listed without their VMs (the cluster filter rejects
 * them before anything reads those). Node locks and maintenance come from the inventory; a node's
 * GPUs are those its agent last listed (ADR 0027), each VM's the count it asked for; live use is not in it yet.
 */
public final class InventorySnapshots {
  private final NodeStore nodes;
  private final VmStore vms;
  private final ClusterStore clusters;
  private final GroupStore groups;

  public InventorySnapshots(NodeStore nodes, VmStore vms, ClusterStore clusters, GroupStore groups) {
    this.nodes = nodes;
    this.vms = vms;
    this.clusters = clusters;
    this.groups = groups;
  }

  // --- devices (ADR 0027) ---
  private dev.vireo.server.device.GpuStore gpus;

  public InventorySnapshots useGpus(dev.vireo.server.device.GpuStore store) {
    this.gpus = store;
    return this;
  }

  /** The GPUs a VM asked for (0 without GPU passthrough wired). */
  public int requestedGpus(String vmId) {
    return gpus == null ? 0 : gpus.requested(vmId);
  }
  /**
   * Moves the VM's GPU assignment to the node it was just placed on (create, HA restart, start after
   * an offline move): all of its requested GPUs there, or false (and none) when too few are free.
   */
  public boolean assignGpus(String vmId, String nodeId) {
    int wanted = requestedGpus(vmId);
    if (wanted == 0) {
      return true;
    }
    if (gpus.ofVm(vmId).stream().allMatch(g -> g.nodeId().equals(nodeId)) && gpus.ofVm(vmId).size() == wanted) {
      return true;
    }
    gpus.release(vmId);
    return !gpus.assign(vmId, nodeId, wanted).isEmpty();
  }
  // --- end devices ---

  public ClusterSnapshot forCluster(String clusterId) {
    return forCluster(clusterId, null);
  }

  /** The same without the VM {@code withoutVmId} (a resize weighs the VM at its new size instead). */
  public ClusterSnapshot forCluster(String clusterId, String withoutVmId) {
    Map<String, Integer> overcommit = new HashMap<>();
    for (Cluster c : clusters.list()) {
      overcommit.put(c.id(), c.cpuOvercommitPercent());
    }
    Map<String, Set<String>> memberships = groups.vmGroupNames();
    Map<String, int[]> gpuCounts = gpus == null ? Map.of() : gpus.countsByNode();
    Map<String, Integer> gpuRequests = gpus == null ? Map.of() : gpus.requestedByVm();
    List<NodeCandidate> candidates = new ArrayList<>();
    for (Node n : nodes.list()) {
      NodeCandidate.Builder b = NodeCandidate.builder(n.id()).cluster(n.clusterId()).state(n.state()).locked(n.locked())
          .maintenance(n.schedulingStatus() == NodeSchedulingStatus.ENTERING_MAINTENANCE
              || n.schedulingStatus() == NodeSchedulingStatus.MAINTENANCE)
          .arch(n.arch())
          .cpus(n.cpus()).memoryBytes(n.memoryBytes())
          .cpuOvercommitPercent(overcommit.getOrDefault(n.clusterId(), 100))
          .gpus(gpuCounts.getOrDefault(n.id(), new int[2])[0]);
      if (clusterId.equals(n.clusterId())) {
        for (VmRecord r : vms.onNode(n.id())) {
          if (r.id().equals(withoutVmId)) {
            continue;
          }
          b.vm(new PlacedVm(r.id(), r.vm().cpu(), (long) r.vm().memoryGiB() << 30, gpuRequests.getOrDefault(r.id(), 0),
              memberships.getOrDefault(r.id(), Set.of())));
        }
      }
      candidates.add(b.build());
    }
    return ClusterSnapshot.of(candidates);
  }

  /** The inventory's name of a cluster architecture as nodes report it ("x86_64", "aarch64"). */
  static String arch(Cluster cluster) {
    return cluster.arch().name().toLowerCase(java.util.Locale.ROOT);
  }
}
