package dev.vireo.server.vm;

import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.group.GroupRules;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.scheduler.ClusterSnapshot;
import dev.vireo.server.scheduler.CpuFilter;
import dev.vireo.server.scheduler.MemoryFilter;
import dev.vireo.server.scheduler.NodeCandidate;
import dev.vireo.server.scheduler.NodeVerdict;
import dev.vireo.server.scheduler.PlacementDecision;
import dev.vireo.server.scheduler.Reservation;
import dev.vireo.server.scheduler.Scheduler;
import java.util.List;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.PlacementReservations;

/**
 * Places a VM that has no node on one of its cluster's nodes with the scheduler: at its create,
 * at the first start after an offline migration cleared its node (ADR 0012), and for an HA restart
 * (the failed node is DOWN, so never chosen). The VM's isolation groups apply as they are now; the
 * reservation holds the capacity until the VM is recorded on the chosen node. A VM that cannot be
 * placed fails the job with the scheduler's reason, naming the rule that blocked it.
 */
public final class VmPlacer {
  private final VmStore vms;
  private final ClusterStore clusters;
  private final GroupStore groups;
  private final InventorySnapshots snapshots;
  private final PlacementReservations placements;

  public VmPlacer(VmStore vms, ClusterStore clusters, GroupStore groups, InventorySnapshots snapshots,
      PlacementReservations placements) {
    this.vms = vms;
    this.clusters = clusters;
    this.groups = groups;
    this.snapshots = snapshots;
    this.placements = placements;
  }

  /**
   * Whether the VM's node has room for it at a new size (a resize): the node's VMs without this one,
   * plus the placements in flight, through the scheduler's CPU (with overcommit) and memory filters.
   * Returns null when it fits (or the VM has no node: it is placed at its next start), else the field
   * at fault ({@code cpu} or {@code memoryGiB}) and the filter's reason.
   */
  public String[] refuseResize(VmRecord r, int cpu, int memoryGiB) {
    if (r.nodeId() == null) {
      return null;
    }
    var cluster = clusters.get(r.vm().clusterId());
    if (cluster.isEmpty()) {
      return null;
    }
    ClusterSnapshot all = snapshots.forCluster(cluster.get().id(), r.id());
    NodeCandidate node = all.node(r.nodeId());
    if (node == null) {
      return null;
    }
    List<Reservation> others = placements.inFlight().stream().filter(x -> !x.vmId().equals(r.id())).toList();
    ClusterSnapshot one = ClusterSnapshot.of(List.of(node)).withReservations(others);
    PlacementRequest request = PlacementRequest.of(r.id(), cluster.get().id(), InventorySnapshots.arch(cluster.get()),
        cpu, memoryGiB);
    PlacementDecision byCpu = new Scheduler(List.of(new CpuFilter()), List.of()).decide(one, request);
    if (byCpu.nodeId().isEmpty()) {
      return new String[] {"cpu", "node " + r.nodeId() + " has no room: " + explain(byCpu)};
    }
    PlacementDecision byMemory = new Scheduler(List.of(new MemoryFilter()), List.of()).decide(one, request);
    if (byMemory.nodeId().isEmpty()) {
      return new String[] {"memoryGiB", "node " + r.nodeId() + " has no room: " + explain(byMemory)};
    }
    return null;
  }

  private static String explain(PlacementDecision d) {
    return d.verdicts().stream().filter(v -> !v.accepted()).findFirst()
        .map(NodeVerdict::reason).orElse(d.failure());
  }

  /** Records the VM on the chosen node; the reservation holds its capacity until then. */
  public String place(VmRecord r) throws JobFailedException {
    String clusterId = r.vm().clusterId();
    String arch = InventorySnapshots.arch(clusters.get(clusterId)
        .orElseThrow(() -> new JobFailedException("cluster " + clusterId + " no longer exists")));
    // the VM's isolation groups as they are now (a node group's nodes may have changed since the create)
    PlacementRequest request = GroupRules.apply(
        PlacementRequest.of(r.id(), clusterId, arch, r.vm().cpu(), r.vm().memoryGiB()), groups.ofVm(r.id()))
        .withGpus(snapshots.requestedGpus(r.id())); // devices (ADR 0027)
    try {
      PlacementDecision decision = placements.place(request, () -> snapshots.forCluster(clusterId));
      String nodeId = decision.nodeId()
          .orElseThrow(() -> new JobFailedException("cannot place the VM: " + decision.failure()));
      if (!snapshots.assignGpus(r.id(), nodeId)) { // devices (ADR 0027): while the reservation holds
        throw new JobFailedException("cannot place the VM: node " + nodeId + " no longer has "
            + snapshots.requestedGpus(r.id()) + " free GPU");
      }
      vms.setNode(r.id(), nodeId);
      return nodeId;
    } finally {
      placements.release(r.id());
    }
  }
}
