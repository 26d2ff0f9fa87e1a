package dev.vireo.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.AttachDiskRequest;
import dev.vireo.api.model.CloneDiskRequest;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.MigrateDiskRequest;
import dev.vireo.api.model.ResizeDiskRequest;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.StorageClusterState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Json;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.Submission;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Virtual disks (white paper 4.5, issue 5 D2). The rules ({@link DiskRules}) and the disk's and
 * VM's states are checked synchronously, and the change is recorded with its job in one
 * transaction with guarded updates, so two requests racing for one disk or one target cannot both win.
 */
public final class DiskRoutes {
  /** VM states a disk may be attached or detached in; the job then reaches the VM live or its definition. */
  private static final Set<VmState> ATTACHABLE = EnumSet.of(VmState.RUNNING, VmState.STOPPED);

  private final DiskStore disks;
  private final StorageClusterStore storage;
  private final ClusterStore clusters;
  private final VmStore vms;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final DiskJobs jobs;
  private final DiskSpecStore diskSpecs;

  /** {@code diskSpecs}: the capacity range of each storage cluster's disks (white paper 6.5). */
  public DiskRoutes(DiskStore disks, StorageClusterStore storage, ClusterStore clusters, VmStore vms,
      Submission submission, IdempotencyKeys idempotency, DiskJobs jobs, DiskSpecStore diskSpecs) {
    this.disks = disks;
    this.storage = storage;
    this.clusters = clusters;
    this.vms = vms;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
    this.diskSpecs = diskSpecs;
  }

  /** Region of a disk: its storage cluster's compute cluster's (ADR 0039); computed for REGION callers only. */
  private java.util.function.Function<dev.vireo.api.model.Disk, String> regionOfDisk(Request r) {
    if (r.regions() == null) {
      return d -> null;
    }
    var byCluster = clusters.regionsByCluster();
    var byStorage = new java.util.HashMap<String, String>();
    storage.list().forEach(s -> byStorage.put(s.id(), byCluster.get(s.clusterId())));
    return d -> byStorage.get(d.storageClusterId());
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/disks", Access.USER, r -> Response.ok(r.page(disks.list(state(r), r.query("vmId"),
            r.query("storageClusterId")), regionOfDisk(r))))
        .get("/api/v1/disks/{id}", Access.USER, r -> Response.ok(find(r.path("id"))))
        .post("/api/v1/disks", Access.USER, this::create)
        .post("/api/v1/disks/{id}/resize", Access.USER, this::resize)
        .post("/api/v1/disks/{id}/clone", Access.USER, this::cloneDisk)
        .post("/api/v1/disks/{id}/migrate", Access.USER, this::migrate)
        .delete("/api/v1/disks/{id}", Access.USER, this::delete)
        .get("/api/v1/vms/{id}/disks", Access.USER, r -> Response.ok(r.page(disks.ofVm(vm(r).id()))))
        .post("/api/v1/vms/{id}/disks", Access.USER, this::attach)
        .delete("/api/v1/vms/{id}/disks/{diskId}", Access.USER, this::detach);
  }

  private static DiskState state(Request r) {
    String s = r.query("state");
    if (s == null) {
      return null;
    }
    try {
      return DiskState.valueOf(s.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("state", "must be one of " + java.util.Arrays.toString(DiskState.values()));
    }
  }

  private Disk find(String idOrName) {
    return disks.resolve(idOrName).orElseThrow(() -> ApiException.notFound("disk", idOrName));
  }

  private VmRecord vm(Request r) {
    String id = r.path("id");
    return vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
  }

  private static JsonNode tree(Request r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      return null; // r.json has already answered 400 for a body that is not JSON
    }
  }

  private dev.vireo.api.model.DiskSpec rangeOf(String storageClusterId) {
    return diskSpecs.of(storageClusterId).orElseThrow(() -> ApiException.conflict("storage cluster "
        + storageClusterId + " no longer exists"));
  }

  private Response create(Request r) {
    CreateDiskRequest req = r.json(CreateDiskRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    storage.ensureDefaults(clusters.list());
    StorageCluster sc = req.storageClusterId() == null
        ? storage.defaultFor(clusters.defaultCluster().id()).orElseThrow()
        : storage.resolve(req.storageClusterId()).orElseThrow(() -> ApiException.invalid("storageClusterId",
            "unknown storage cluster '" + req.storageClusterId() + "'"));
    if (sc.state() != StorageClusterState.AVAILABLE) {
      throw ApiException.invalid("storageClusterId", "storage cluster " + sc.name() + " is " + sc.state()
          + ", not AVAILABLE");
    }
    int size = DiskRules.size(tree(r), req.sizeGiB(), rangeOf(sc.id()));
    String id = Ids.next("disk");
    Accepted a = idempotency.create(r, h -> {
      if (disks.nameTaken(h, name)) {
        throw new ApiException(409, "conflict", "name", "name: a disk named '" + name + "' already exists");
      }
      disks.insert(h, new Disk(id, name, req.description(), sc.id(), size, DiskState.CREATING, null, null, null, null,
          null, null));
      return submission.job(h, jobs.create(), new DiskJobs.CreateContext(id), "disk", id);
    });
    return Response.accepted(a);
  }

  /**
   * A new disk with the source's data, size and storage cluster (white paper 4.5.2). Only an
   * AVAILABLE source (409 otherwise: detach it first), held CLONING so nothing writes it meanwhile.
   */
  private Response cloneDisk(Request r) {
    Disk source = find(r.path("id"));
    CloneDiskRequest req = r.json(CloneDiskRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    String id = Ids.next("disk");
    return Response.accepted(idempotency.create(r, h -> {
      Disk now = disks.get(h, source.id()).orElseThrow(() -> ApiException.notFound("disk", source.id()));
      if (now.vmId() != null) {
        throw ApiException.conflict("disk " + source.name() + " is attached to VM " + now.vmId()
            + "; detach it to clone it (its data must not change during the copy)");
      }
      if (disks.nameTaken(h, name)) {
        throw new ApiException(409, "conflict", "name", "name: a disk named '" + name + "' already exists");
      }
      if (!disks.transition(h, source.id(), DiskState.AVAILABLE, DiskState.CLONING)) {
        throw ApiException.conflict("disk " + source.name() + " is " + now.state() + "; it can be cloned when AVAILABLE");
      }
      disks.insert(h, new Disk(id, name, req.description(), now.storageClusterId(), now.sizeGiB(), DiskState.CREATING,
          null, null, null, null, null, null));
      return submission.job(h, jobs.cloneDisk(), new DiskJobs.CloneContext(id, source.id()), "disk", id);
    }));
  }

  private Response resize(Request r) {
    Disk d = find(r.path("id"));
    ResizeDiskRequest req = r.json(ResizeDiskRequest.class);
    int size = DiskRules.growth(tree(r), req.sizeGiB(), d.sizeGiB(), rangeOf(d.storageClusterId()));
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      if (now.state() != DiskState.AVAILABLE && now.state() != DiskState.ATTACHED) {
        throw ApiException.conflict("disk " + d.name() + " is " + now.state() + "; it can be expanded when AVAILABLE"
            + " or ATTACHED");
      }
      if (now.sizeGiB() != d.sizeGiB()) {
        throw ApiException.conflict("disk " + d.name() + " was resized meanwhile to " + now.sizeGiB() + " GiB");
      }
      if (!disks.transition(h, d.id(), now.state(), DiskState.EXPANDING)) {
        throw ApiException.conflict("disk " + d.name() + " changed meanwhile; try again");
      }
      // an attached disk grows on the VM's node, in line with the VM's own jobs
      String resource = now.vmId() == null ? d.id() : now.vmId();
      return submission.job(h, jobs.resize(), new DiskJobs.ResizeContext(d.id(), now.sizeGiB(), size, now.state()),
          now.vmId() == null ? "disk" : "vm", resource);
    }));
  }

  /**
   * Storage migration (ADR 0026): 422 naming {@code storageClusterId} for a missing, unknown,
   * unavailable or same storage cluster or one of another compute cluster; 409 for a disk that is
   * not AVAILABLE or ATTACHED or whose VM is not RUNNING or STOPPED. The disk is held MIGRATING;
   * an attached disk moves in line with its VM's jobs.
   */
  private Response migrate(Request r) {
    Disk d = find(r.path("id"));
    MigrateDiskRequest req = r.json(MigrateDiskRequest.class);
    if (req.storageClusterId() == null || req.storageClusterId().isBlank()) {
      throw ApiException.invalid("storageClusterId", "is required (the storage cluster to move the disk to)");
    }
    StorageCluster target = storage.resolve(req.storageClusterId()).orElseThrow(() -> ApiException.invalid(
        "storageClusterId", "unknown storage cluster '" + req.storageClusterId() + "'"));
    StorageCluster current = storage.get(d.storageClusterId()).orElseThrow();
    if (target.id().equals(current.id())) {
      throw ApiException.invalid("storageClusterId", "disk " + d.name() + " is already on storage cluster "
          + current.name() + "; the target must be another storage cluster");
    }
    if (!target.clusterId().equals(current.clusterId())) {
      throw ApiException.invalid("storageClusterId", "storage cluster " + target.name() + " belongs to compute cluster "
          + target.clusterId() + "; disk " + d.name() + " can only move within compute cluster " + current.clusterId());
    }
    if (target.state() != StorageClusterState.AVAILABLE) {
      throw ApiException.invalid("storageClusterId", "storage cluster " + target.name() + " is " + target.state()
          + ", not AVAILABLE");
    }
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      if (now.state() != DiskState.AVAILABLE && now.state() != DiskState.ATTACHED) {
        throw ApiException.conflict("disk " + d.name() + " is " + now.state() + "; it can be migrated when AVAILABLE"
            + " or ATTACHED");
      }
      int held = h.createQuery("SELECT COUNT(*) FROM disk_snapshots WHERE disk_id = :d AND state <> 'DELETED'")
          .bind("d", d.id()).mapTo(Integer.class).one();
      if (held > 0) {
        throw ApiException.conflict("disk " + d.name() + " has " + held + " snapshot(s); they live inside the volume"
            + " and a storage migration does not carry them: delete them first");
      }
      if (now.vmId() != null) {
        VmState vmState = VmStore.stateOf(h, now.vmId());
        if (!ATTACHABLE.contains(vmState)) {
          throw ApiException.conflict("cannot migrate disk " + d.name() + " of VM " + now.vmId() + " while the VM is "
              + vmState + "; it must be RUNNING or STOPPED");
        }
      }
      if (!now.storageClusterId().equals(current.id()) || !disks.transition(h, d.id(), now.state(), DiskState.MIGRATING)) {
        throw ApiException.conflict("disk " + d.name() + " changed meanwhile; try again");
      }
      return submission.job(h, jobs.migrate(), new DiskJobs.MigrateContext(d.id(), current.id(), target.id(),
          now.state()), now.vmId() == null ? "disk" : "vm", now.vmId() == null ? d.id() : now.vmId());
    }));
  }

  private Response delete(Request r) {
    Disk d = find(r.path("id"));
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      if (now.vmId() != null) {
        throw ApiException.conflict("disk " + d.name() + " is attached to VM " + now.vmId() + "; detach it first");
      }
      if (now.state() == DiskState.DELETED) {
        throw ApiException.conflict("disk " + d.name() + " is already deleted");
      }
      if (now.state() != DiskState.AVAILABLE && now.state() != DiskState.ERROR) {
        throw ApiException.conflict("disk " + d.name() + " is " + now.state() + "; it can be deleted when AVAILABLE"
            + " or ERROR");
      }
      if (!disks.transition(h, d.id(), now.state(), DiskState.DELETING)) {
        throw ApiException.conflict("disk " + d.name() + " changed meanwhile; try again");
      }
      return submission.job(h, jobs.delete(), new DiskJobs.DeleteContext(d.id(), now.state()), "disk", d.id());
    }));
  }

  /**
   * 409 naming the VM when the disk is on one already; 422 naming {@code disk} for a disk that is
   * not AVAILABLE, on storage another cluster's nodes mount, or one past the VM's architecture limit.
   */
  private Response attach(Request r) {
    VmRecord vm = vm(r);
    AttachDiskRequest req = r.json(AttachDiskRequest.class);
    if (req.disk() == null || req.disk().isBlank()) {
      throw ApiException.invalid("disk", "is required (a disk id or name)");
    }
    Disk d = disks.resolve(req.disk()).orElseThrow(() -> ApiException.invalid("disk", "unknown disk '" + req.disk() + "'"));
    StorageCluster sc = storage.get(d.storageClusterId()).orElseThrow();
    if (!sc.clusterId().equals(vm.vm().clusterId())) {
      throw ApiException.invalid("disk", "disk " + d.name() + " is on storage cluster " + sc.name() + " of cluster "
          + sc.clusterId() + "; VM " + vm.id() + " runs in cluster " + vm.vm().clusterId());
    }
    Cluster cluster = clusters.get(vm.vm().clusterId()).orElseThrow();
    try {
      return Response.accepted(attach(vm, d, cluster));
    } catch (org.jdbi.v3.core.JdbiException e) { // the unique key: a concurrent attach took the target
      throw ApiException.conflict("VM " + vm.id() + " got another disk meanwhile; try again");
    }
  }

  private Accepted attach(VmRecord vm, Disk d, Cluster cluster) {
    return submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      if (now.vmId() != null) {
        throw new ApiException(409, "conflict", "disk", "disk: " + d.name() + " is already attached to VM "
            + now.vmId() + (now.vmId().equals(vm.id()) ? " (this VM)" : "") + "; a disk is on one VM at a time");
      }
      if (now.state() != DiskState.AVAILABLE) {
        throw ApiException.invalid("disk", "disk " + d.name() + " is " + now.state() + ", not AVAILABLE");
      }
      VmState vmState = VmStore.stateOf(h, vm.id());
      if (!ATTACHABLE.contains(vmState)) {
        throw ApiException.conflict("cannot attach a disk to VM " + vm.id() + " while it is " + vmState
            + "; it must be RUNNING or STOPPED");
      }
      List<Disk> attached = disks.ofVm(h, vm.id());
      DiskRules.roomFor(cluster.arch(), attached.size(), vm.id());
      String target = DiskRules.nextTarget(attached.stream().map(Disk::target).toList());
      if (!disks.attach(h, d.id(), vm.id(), target)) {
        throw ApiException.conflict("disk " + d.name() + " was attached or changed meanwhile; try again");
      }
      return submission.job(h, jobs.attach(), new DiskJobs.AttachContext(d.id(), vm.id(), target), "vm", vm.id());
    });
  }

  private Response detach(Request r) {
    VmRecord vm = vm(r);
    Disk d = find(r.path("diskId"));
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      if (!vm.id().equals(now.vmId())) {
        throw ApiException.conflict("disk " + d.name() + " is not attached to VM " + vm.id()
            + (now.vmId() == null ? "" : " (it is on VM " + now.vmId() + ")"));
      }
      if (now.state() != DiskState.ATTACHED) {
        throw ApiException.conflict("disk " + d.name() + " is " + now.state() + "; it can be detached when ATTACHED");
      }
      VmState vmState = VmStore.stateOf(h, vm.id());
      if (!ATTACHABLE.contains(vmState)) {
        throw ApiException.conflict("cannot detach a disk from VM " + vm.id() + " while it is " + vmState
            + "; it must be RUNNING or STOPPED");
      }
      if (!disks.transition(h, d.id(), DiskState.ATTACHED, DiskState.DETACHING)) {
        throw ApiException.conflict("disk " + d.name() + " changed meanwhile; try again");
      }
      return submission.job(h, jobs.detach(), new DiskJobs.AttachContext(d.id(), vm.id(), now.target()), "vm", vm.id());
    }));
  }
}
