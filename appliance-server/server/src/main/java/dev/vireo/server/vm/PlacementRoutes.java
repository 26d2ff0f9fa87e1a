package dev.vireo.server.vm;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.api.model.PlacementDryRun;
import dev.vireo.api.model.PlacementDryRunRequest;
import dev.vireo.api.model.PlacementVerdict;
import dev.vireo.api.model.Spec;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.group.GroupRules;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.scheduler.NodeVerdict;
import dev.vireo.server.scheduler.PlacementDecision;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.PlacementReservations;
import dev.vireo.server.spec.SpecRules;
import dev.vireo.server.spec.SpecStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/placements/dry-run}: where a VM with these needs would go now (placements in
 * flight counted) and why every node was accepted or rejected. Changes nothing, so no job.
 */
public final class PlacementRoutes {
  private final ClusterStore clusters;
  private final SpecStore specs;
  private final GroupStore groups;
  private final InventorySnapshots snapshots;
  private final PlacementReservations placements;

  public PlacementRoutes(ClusterStore clusters, SpecStore specs, GroupStore groups, InventorySnapshots snapshots,
      PlacementReservations placements) {
    this.clusters = clusters;
    this.specs = specs;
    this.groups = groups;
    this.snapshots = snapshots;
    this.placements = placements;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/placements/dry-run", Access.USER, this::dryRun);
  }

  private Response dryRun(Request r) {
    PlacementDryRunRequest req = r.json(PlacementDryRunRequest.class);
    Cluster cluster = req.clusterId() == null ? clusters.defaultCluster()
        : clusters.get(req.clusterId()).orElseThrow(() -> ApiException.invalid("clusterId",
            "unknown cluster '" + req.clusterId() + "'"));
    int cpu;
    int memory;
    if (req.spec() != null) {
      if (req.cpu() != null || req.memoryGiB() != null) {
        throw ApiException.invalid("spec", "give a spec or cpu and memoryGiB, not both");
      }
      Spec spec = specs.resolve(req.spec(), cluster.id()).orElseThrow(() -> ApiException.invalid("spec",
          "unknown spec '" + req.spec() + "' in cluster " + cluster.name() + "; available: "
              + specs.list(cluster.id()).stream().map(Spec::name).distinct().collect(Collectors.joining(", "))));
      cpu = spec.cpu();
      memory = spec.memoryGiB();
    } else {
      if (req.cpu() == null && req.memoryGiB() == null) {
        throw ApiException.invalid("spec", "is required (a spec id or a name like 2C4G), or cpu and memoryGiB");
      }
      SpecRules.check(req.cpu(), req.memoryGiB());
      cpu = req.cpu();
      memory = req.memoryGiB();
    }
    List<IsolationGroup> joined = resolveGroups(groups, req.groupIds(), cluster.regionId());
    PlacementRequest request = GroupRules.apply(
        PlacementRequest.of("dry-run", cluster.id(), InventorySnapshots.arch(cluster), cpu, memory), joined);
    PlacementDecision decision = placements.dryRun(request, snapshots.forCluster(cluster.id()));
    List<PlacementVerdict> verdicts = new ArrayList<>();
    for (NodeVerdict v : decision.verdicts()) {
      verdicts.add(new PlacementVerdict(v.nodeId(), v.accepted(), v.accepted() ? v.score() : null, v.filter(),
          v.accepted() ? null : v.reason()));
    }
    String reason = decision.placed()
        ? "accepted with the highest score " + String.format(java.util.Locale.ROOT, "%.3f",
            decision.verdict(decision.nodeId().get()).map(NodeVerdict::score).orElse(0.0)) + " of "
            + verdicts.stream().filter(PlacementVerdict::accepted).count() + " accepted node(s)"
        : decision.failure();
    return Response.ok(new PlacementDryRun(cluster.id(), cpu, memory, decision.nodeId().orElse(null), reason,
        verdicts));
  }

  /**
   * The groups named by {@code groupIds} (duplicates once), or 422 naming groupIds and the unknown id
   * or the group outside {@code regionId}, the VM's region (ADR 0047).
   */
  static List<IsolationGroup> resolveGroups(GroupStore groups, List<String> groupIds, String regionId) {
    if (groupIds == null || groupIds.isEmpty()) {
      return List.of();
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (String id : groupIds) {
      if (id == null || id.isBlank()) {
        throw ApiException.invalid("groupIds", "must not contain an empty group id");
      }
      ids.add(id);
    }
    List<IsolationGroup> found = groups.byIds(ids);
    if (found.size() < ids.size()) {
      ids.removeAll(found.stream().map(IsolationGroup::id).toList());
      throw ApiException.invalid("groupIds", "unknown group '" + ids.iterator().next() + "'");
    }
    for (IsolationGroup g : found) {
      if (g.regionId() != null && !g.regionId().equals(regionId)) {
        throw ApiException.invalid("groupIds", "group " + g.name() + " lies in region " + g.regionId()
            + ", not in the VM's region " + regionId);
      }
    }
    return found;
  }
}
