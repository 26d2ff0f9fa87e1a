package dev.vireo.server.group;

import dev.vireo.api.model.CreateGroupRequest;
import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.api.model.SetGroupNodesRequest;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.Submission;
import dev.vireo.server.node.NodeStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Isolation groups (white paper 4.2.9). A group is deleted only when no live VM is in it (409
 * otherwise): a VM's groups are fixed at create, so removing them under a running VM would silently
 * drop a rule it was placed by. A node group's node list goes with it.
 */
public final class GroupRoutes {
  private final GroupStore groups;
  private final NodeStore nodes;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final GroupJobs jobs;

  public GroupRoutes(GroupStore groups, NodeStore nodes, Submission submission, IdempotencyKeys idempotency,
      GroupJobs jobs) {
    this.groups = groups;
    this.nodes = nodes;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/groups", Access.USER,
            r -> Response.ok(r.page(groups.list(dev.vireo.server.http.RegionClause.of(r)))))
        .get("/api/v1/groups/{id}", Access.USER, r -> Response.ok(find(r)))
        .post("/api/v1/groups", Access.USER, this::create)
        .put("/api/v1/groups/{id}/nodes", Access.USER, this::setNodes)
        .delete("/api/v1/groups/{id}", Access.USER, this::delete);
  }

  private IsolationGroup find(Request r) {
    return groups.get(r.path("id")).orElseThrow(() -> ApiException.notFound("group", r.path("id")));
  }

  private Response create(Request r) {
    CreateGroupRequest req = r.json(CreateGroupRequest.class);
    String name = Names.require("name", req.name());
    if (req.kind() == null) {
      throw ApiException.invalid("kind", "is required: VM (rules among the group's VMs) or NODE (rules to its nodes)");
    }
    if (req.relation() == null) {
      throw ApiException.invalid("relation", "is required: AFFINITY or ANTI_AFFINITY");
    }
    GroupStrictness strictness = req.strictness() == null ? GroupStrictness.HARD : req.strictness();
    List<String> nodeIds = List.of();
    if (req.nodeIds() != null && !req.nodeIds().isEmpty()) {
      if (req.kind() != GroupKind.NODE) {
        throw ApiException.invalid("nodeIds", "only a NODE group has nodes");
      }
      nodeIds = knownNodes(req.nodeIds());
    }
    String id = Ids.next("group");
    List<String> chosen = nodeIds;
    return Response.accepted(idempotency.create(r, h -> {
      if (groups.nameTaken(h, name)) { // inside: a retry after the job ran gets the original answer
        throw ApiException.conflict("a group named '" + name + "' already exists");
      }
      String region = dev.vireo.server.inventory.Regions.chosen(h, req.regionId());
      refuseNodesOutside(h, region, chosen);
      return submission.job(h, jobs.create(), new GroupJobs.CreateContext(id, name, req.kind(), req.relation(),
          strictness, chosen, region), "group", id);
    }));
  }

  private Response setNodes(Request r) {
    IsolationGroup g = find(r);
    SetGroupNodesRequest req = r.json(SetGroupNodesRequest.class);
    if (req.nodeIds() == null) {
      throw ApiException.invalid("nodeIds", "is required (the complete set of nodes; [] for none)");
    }
    if (g.kind() != GroupKind.NODE) {
      throw ApiException.conflict("group " + g.name() + " is a VM group; only a NODE group has nodes");
    }
    List<String> nodeIds = knownNodes(req.nodeIds());
    return Response.accepted(submission.submit(h -> {
      if (g.regionId() != null) {
        refuseNodesOutside(h, g.regionId(), nodeIds);
      }
      return submission.job(h, jobs.setNodes(), new GroupJobs.NodesContext(g.id(), nodeIds), "group", g.id());
    }));
  }

  private Response delete(Request r) {
    IsolationGroup g = find(r);
    return Response.accepted(submission.submit(h -> {
      int members = groups.liveVmCount(h, g.id());
      if (members > 0) {
        throw ApiException.conflict("group " + g.name() + " still has " + members
            + " VM(s); delete them first (a VM's groups are fixed when it is created)");
      }
      return submission.job(h, jobs.delete(), new GroupJobs.DeleteContext(g.id()), "group", g.id());
    }));
  }

  /** A group's nodes lie in its region (ADR 0047): regions are isolated from each other. */
  private void refuseNodesOutside(org.jdbi.v3.core.Handle h, String region, List<String> nodeIds) {
    List<String> outside = groups.nodesOutside(h, region, nodeIds);
    if (!outside.isEmpty()) {
      throw ApiException.invalid("nodeIds", "node(s) " + String.join(", ", outside) + " lie outside the group's region "
          + region);
    }
  }

  private List<String> knownNodes(List<String> requested) {
    Set<String> known = new LinkedHashSet<>();
    nodes.list().forEach(n -> known.add(n.id()));
    Set<String> out = new LinkedHashSet<>();
    for (String id : requested) {
      if (id == null || !known.contains(id)) {
        throw ApiException.invalid("nodeIds", "unknown node '" + id + "'");
      }
      out.add(id);
    }
    return new ArrayList<>(out);
  }
}
