package dev.vireo.server.storage;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateStorageClusterRequest;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.StorageClusterState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.Submission;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Storage clusters (white paper 4.1.2.2, issue 5 D1): the admin registers shared storage mounted
 * at the same path on every node of a compute cluster (the admin mounts it, the platform checks).
 */
public final class StorageClusterRoutes {
  private final StorageClusterStore storage;
  private final ClusterStore clusters;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final StorageClusterJobs jobs;

  public StorageClusterRoutes(StorageClusterStore storage, ClusterStore clusters, Submission submission,
      IdempotencyKeys idempotency, StorageClusterJobs jobs) {
    this.storage = storage;
    this.clusters = clusters;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/storage-clusters", Access.USER, r -> {
          storage.ensureDefaults(clusters.list());
          var regions = r.regions() == null ? java.util.Map.<String, String>of() : clusters.regionsByCluster();
          return Response.ok(r.page(storage.list(), s -> regions.get(s.clusterId())));
        })
        .get("/api/v1/storage-clusters/{id}", Access.USER, r -> Response.ok(find(r)))
        .post("/api/v1/storage-clusters", Access.USER, this::create)
        .post("/api/v1/storage-clusters/{id}/refresh", Access.USER, this::refresh)
        .delete("/api/v1/storage-clusters/{id}", Access.USER, this::delete);
  }

  private StorageCluster find(Request r) {
    storage.ensureDefaults(clusters.list());
    return storage.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("storage cluster", r.path("id")));
  }

  private Response create(Request r) {
    CreateStorageClusterRequest req = r.json(CreateStorageClusterRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    Cluster cluster = req.clusterId() == null ? clusters.defaultCluster()
        : clusters.get(req.clusterId()).or(() -> clusters.byName(req.clusterId()))
            .orElseThrow(() -> ApiException.invalid("clusterId", "unknown cluster '" + req.clusterId() + "'"));
    String path = path(req.path());
    storage.ensureDefaults(clusters.list());
    String id = Ids.next("sc");
    return Response.accepted(idempotency.create(r, h -> {
      if (storage.nameTaken(h, name)) {
        throw new ApiException(409, "conflict", "name", "name: a storage cluster named '" + name + "' already exists");
      }
      if (storage.pathTaken(h, cluster.id(), path)) {
        throw new ApiException(409, "conflict", "path", "path: " + path + " is already a storage cluster of cluster "
            + cluster.name());
      }
      storage.insert(h, new StorageCluster(id, name, cluster.id(), path, req.description(), false,
          StorageClusterState.CREATING, null, null, 0, null, null));
      return submission.job(h, jobs.create(), new StorageClusterJobs.Context(id), "storage-cluster", id);
    }));
  }

  /** An absolute, normalised directory other than / and without characters the domain XML or a shell would trip on. */
  static String path(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.invalid("path", "is required: the absolute path where the storage is mounted on every node");
    }
    Path p;
    try {
      p = Path.of(raw);
    } catch (InvalidPathException e) {
      throw ApiException.invalid("path", "is not a path: " + e.getMessage());
    }
    if (!p.isAbsolute() || !p.normalize().toString().equals(raw) || p.getParent() == null) {
      throw ApiException.invalid("path", "must be an absolute, normalised directory other than / (got '" + raw + "')");
    }
    if (!raw.matches("[A-Za-z0-9/._-]{2,512}")) {
      throw ApiException.invalid("path", "may hold only letters, digits, '/', '.', '_' and '-' (at most 512)");
    }
    return raw;
  }

  private Response refresh(Request r) {
    StorageCluster sc = find(r);
    return Response.accepted(submission.submit(h -> submission.job(h, jobs.refresh(),
        new StorageClusterJobs.Context(sc.id()), "storage-cluster", sc.id())));
  }

  private Response delete(Request r) {
    StorageCluster sc = find(r);
    if (sc.defaultForCluster()) {
      throw ApiException.conflict("storage cluster " + sc.name() + " is the storage root of its cluster (system"
          + " disks and images live there); it cannot be deleted");
    }
    return Response.accepted(submission.submit(h -> {
      int disks = storage.diskCount(h, sc.id());
      if (disks > 0) {
        throw ApiException.conflict("storage cluster " + sc.name() + " still holds " + disks + " disk(s) (VM system disks"
            + " moved there included); delete or move them first");
      }
      storage.setState(h, sc.id(), StorageClusterState.DELETING);
      return submission.job(h, jobs.delete(), new StorageClusterJobs.Context(sc.id()), "storage-cluster", sc.id());
    }));
  }
}
