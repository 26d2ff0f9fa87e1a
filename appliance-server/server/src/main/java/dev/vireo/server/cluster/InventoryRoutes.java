package dev.vireo.server.cluster;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuArch;
import dev.vireo.api.model.CreateClusterRequest;
import dev.vireo.api.model.CreateSpecRequest;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.UpdateSpecRequest;
import dev.vireo.api.model.Spec;
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
import dev.vireo.server.spec.SpecRules;
import dev.vireo.server.spec.SpecStore;
import dev.vireo.server.spec.SpecUpdate;

/** Regions, clusters, nodes and specs. */
public final class InventoryRoutes {
  private final ClusterStore clusters;
  private final NodeStore nodes;
  private final SpecStore specs;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final InventoryJobs jobs;

  public InventoryRoutes(ClusterStore clusters, NodeStore nodes, SpecStore specs, Submission submission,
      IdempotencyKeys idempotency, InventoryJobs jobs) {
    this.clusters = clusters;
    this.nodes = nodes;
    this.specs = specs;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/regions", Access.USER, r -> Response.ok(r.page(clusters.regions(), dev.vireo.api.model.Region::id)))
        .get("/api/v1/clusters", Access.USER, r -> Response.ok(r.page(clusters.list(), Cluster::regionId)))
        .get("/api/v1/clusters/{id}", Access.USER, r -> Response.ok(byIdOrName(r.path("id"))
            .orElseThrow(() -> ApiException.notFound("cluster", r.path("id")))))
        .post("/api/v1/clusters", Access.USER, this::createCluster)
        .patch("/api/v1/clusters/{id}", Access.USER, this::updateCluster)
        .get("/api/v1/nodes", Access.USER, r -> Response.ok(r.page(nodes.list(), regionOfCluster(r))))
        .get("/api/v1/nodes/{id}", Access.USER, r -> Response.ok(nodes.get(r.path("id"))
            .orElseThrow(() -> ApiException.notFound("node", r.path("id")))))
        .get("/api/v1/specs", Access.USER, r -> Response.ok(r.page(specs.list(r.query("clusterId")))))
        .post("/api/v1/specs", Access.USER, this::createSpec)
        .patch("/api/v1/specs/{id}", Access.USER, this::updateSpec)
        .delete("/api/v1/specs/{id}", Access.USER, this::deleteSpec);
  }

  private Response createCluster(Request r) {
    CreateClusterRequest req = r.json(CreateClusterRequest.class);
    String name = Names.require("name", req.name());
    CpuArch arch = req.arch() == null ? CpuArch.X86_64 : req.arch();
    int overcommit = req.cpuOvercommitPercent() == null ? 100 : req.cpuOvercommitPercent();
    if (overcommit < 100 || overcommit > 600 || overcommit % 50 != 0) {
      throw ApiException.invalid("cpuOvercommitPercent", "must be 100 to 600 in steps of 50 (got " + overcommit + ")");
    }
    String id = Ids.next("cluster");
    // The name check runs inside the idempotent part: a retry after the job ran must get the
    // original answer, not "name taken" by its own first attempt.
    return Response.accepted(idempotency.create(r, h -> {
      if (clusters.byName(name).isPresent()) {
        throw ApiException.conflict("a cluster named '" + name + "' already exists");
      }
      return submission.job(h, jobs.createCluster(),
          new InventoryJobs.ClusterContext(id, clusters.defaultRegionId(), name, arch, overcommit), "cluster", id);
    }));
  }

  /** A cluster by id, or else by its (unique) name. */
  /** Region of a cluster-bound item (all clusters are read only for a REGION caller). */
  private java.util.function.Function<dev.vireo.api.model.Node, String> regionOfCluster(Request r) {
    java.util.Map<String, String> regions = r.regions() == null ? java.util.Map.of() : clusters.regionsByCluster();
    return n -> regions.get(n.clusterId());
  }

  private java.util.Optional<Cluster> byIdOrName(String idOrName) {
    return clusters.get(idOrName).or(() -> clusters.byName(idOrName));
  }

  private Response updateCluster(Request r) {
    Cluster c = byIdOrName(r.path("id")).orElseThrow(() -> ApiException.notFound("cluster", r.path("id")));
    UpdateClusterRequest req = r.json(UpdateClusterRequest.class);
    if (req.name() == null && req.cpuOvercommitPercent() == null && req.haProbeIntervalSeconds() == null) {
      throw ApiException.invalid("cpuOvercommitPercent",
          "give a new name, cpuOvercommitPercent and/or haProbeIntervalSeconds");
    }
    Integer probe = req.haProbeIntervalSeconds();
    if (probe != null && (probe < 1 || probe > 60)) {
      throw ApiException.invalid("haProbeIntervalSeconds", "must be 1 to 60 seconds (got " + probe + ")");
    }
    String name = req.name() == null ? c.name() : Names.require("name", req.name());
    int overcommit = req.cpuOvercommitPercent() == null ? c.cpuOvercommitPercent() : req.cpuOvercommitPercent();
    if (overcommit < 100 || overcommit > 600 || overcommit % 50 != 0) {
      throw ApiException.invalid("cpuOvercommitPercent", "must be 100 to 600 in steps of 50 (got " + overcommit + ")");
    }
    if (overcommit < c.cpuOvercommitPercent()) {
      throw ApiException.invalid("cpuOvercommitPercent", "can only be raised: cluster " + c.name() + " is at "
          + c.cpuOvercommitPercent() + "% and VMs were placed on that promise (got " + overcommit + ")");
    }
    if (!name.equals(c.name()) && clusters.byName(name).isPresent()) {
      throw ApiException.conflict("a cluster named '" + name + "' already exists");
    }
    return Response.accepted(submission.submit(h -> submission.job(h, jobs.updateCluster(),
        new InventoryJobs.ClusterContext(c.id(), c.regionId(), name, c.arch(), overcommit, probe), "cluster",
        c.id())));
  }

  private Response createSpec(Request r) {
    CreateSpecRequest req = r.json(CreateSpecRequest.class);
    SpecRules.check(req.cpu(), req.memoryGiB());
    Cluster c = req.clusterId() == null ? null : clusters.get(req.clusterId())
        .orElseThrow(() -> ApiException.invalid("clusterId", "unknown cluster '" + req.clusterId() + "'"));
    String id = Ids.next("spec");
    return Response.accepted(idempotency.create(r, h -> {
      requireNewSpec(req, c); // inside: a retry after the job ran gets the original answer
      return submission.job(h, jobs.createSpec(), new InventoryJobs.SpecContext(id, req.clusterId(), req.cpu(),
          req.memoryGiB()), "spec", id);
    }));
  }

  private void requireNewSpec(CreateSpecRequest req, Cluster c) {
    if (c != null) {
      boolean exists = specs.list(c.id()).stream()
          .anyMatch(s -> req.clusterId().equals(s.clusterId()) && s.cpu() == req.cpu() && s.memoryGiB() == req.memoryGiB());
      if (exists) {
        throw ApiException.conflict("cluster " + c.name() + " already has spec " + SpecRules.name(req.cpu(), req.memoryGiB()));
      }
    } else if (specs.list(null).stream().anyMatch(s -> s.clusterId() == null && s.cpu() == req.cpu()
        && s.memoryGiB() == req.memoryGiB())) {
      throw ApiException.conflict("global spec " + SpecRules.name(req.cpu(), req.memoryGiB()) + " already exists");
    }
  }

  /** White paper 6.5: created and default specs alike; the default stays the default (and undeletable). */
  private Response updateSpec(Request r) {
    Spec s = specs.get(r.path("id")).orElseThrow(() -> ApiException.notFound("spec", r.path("id")));
    SpecUpdate u = SpecUpdate.of(s, r.json(UpdateSpecRequest.class));
    String scope = s.clusterId() == null ? "the global specs"
        : "cluster " + clusters.get(s.clusterId()).map(Cluster::name).orElse(s.clusterId());
    return Response.accepted(submission.submit(h -> {
      u.requireUnique(specs.sameScope(h, s.clusterId(), s.id()), scope); // inside: two racing changes cannot both pass
      return submission.job(h, jobs.updateSpec(), new InventoryJobs.UpdateSpecContext(s.id(), u.name(), u.cpu(),
          u.memoryGiB()), "spec", s.id());
    }));
  }

  private Response deleteSpec(Request r) {
    Spec s = specs.get(r.path("id")).orElseThrow(() -> ApiException.notFound("spec", r.path("id")));
    if (s.isDefault()) {
      throw ApiException.conflict("spec " + s.name() + " is its cluster's default spec and cannot be deleted");
    }
    return Response.accepted(submission.submit(h -> submission.job(h, jobs.deleteSpec(),
        new InventoryJobs.SpecContext(s.id(), s.clusterId(), s.cpu(), s.memoryGiB()), "spec", s.id())));
  }
}
