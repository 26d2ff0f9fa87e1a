package dev.vireo.server.vm;

import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.group.GroupRules;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.scheduler.PlacementDecision;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.PlacementReservations;

/**
 * Places a VM that has no node (a create, an HA restart): the scheduler over its cluster with the
 * VM's isolation groups as they are now; the reservation holds the capacity until the VM is
 * recorded on the chosen node.
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

  /** Chooses a node and records the VM on it; returns the node's id. */
  public String placeAndRecord(VmRecord r) throws JobFailedException {
    String clusterId = r.vm().clusterId();
    String arch = InventorySnapshots.arch(clusters.get(clusterId)
        .orElseThrow(() -> new JobFailedException("cluster " + clusterId + " no longer exists")));
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
