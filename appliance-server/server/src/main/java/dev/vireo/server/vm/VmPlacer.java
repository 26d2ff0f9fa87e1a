package dev.vireo.server.vm;

import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.group.GroupRules;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.scheduler.PlacementDecision;
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

  /** Records the VM on the chosen node; the reservation holds its capacity until then. */
  public String place(VmRecord r) throws JobFailedException {
    String clusterId = r.vm().clusterId();
    String arch = InventorySnapshots.arch(clusters.get(clusterId)
        .orElseThrow(() -> new JobFailedException("cluster " + clusterId + " no longer exists")));
    // the VM's isolation groups as they are now (a node group's nodes may have changed since the create)
    PlacementRequest request = GroupRules.apply(
        PlacementRequest.of(r.id(), clusterId, arch, r.vm().cpu(), r.vm().memoryGiB()), groups.ofVm(r.id()));
    try {
      PlacementDecision decision = placements.place(request, () -> snapshots.forCluster(clusterId));
      String nodeId = decision.nodeId()
          .orElseThrow(() -> new JobFailedException("cannot place the VM: " + decision.failure()));
      vms.setNode(r.id(), nodeId);
      return nodeId;
    } finally {
      placements.release(r.id());
    }
  }
}
