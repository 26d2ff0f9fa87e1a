package dev.vireo.server.storage;

import dev.vireo.agent.protocol.VolumeSnapshotCommand.Action;
import dev.vireo.api.model.CreateDiskSnapshotRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskFromSnapshotRequest;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.VmState;
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
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import org.jdbi.v3.core.Handle;

/**
 * Snapshots of a VM's system disk (white paper 4.6, issue 5 D4, ADR 0025): internal snapshots in
 * its overlay (never its shared base image), under the same rules as a data disk's: the per-disk
 * limit, taken live or offline, rollback only with the VM STOPPED, a new data disk from one on the
 * storage cluster the system disk is on. Jobs run on the VM.
 */
public final class VmSnapshotRoutes {
  private final VmStore vms;
  private final SnapshotStore snapshots;
  private final DiskStore disks;
  private final StorageClusterStore storage;
  private final ClusterStore clusters;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final SnapshotJobs jobs;
  private final java.util.function.IntSupplier maxPerDisk;

  public VmSnapshotRoutes(VmStore vms, SnapshotStore snapshots, DiskStore disks, StorageClusterStore storage,
      ClusterStore clusters, Submission submission, IdempotencyKeys idempotency, SnapshotJobs jobs,
      java.util.function.IntSupplier maxPerDisk) {
    this.vms = vms;
    this.snapshots = snapshots;
    this.disks = disks;
    this.storage = storage;
    this.clusters = clusters;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
    this.maxPerDisk = maxPerDisk;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/vms/{id}/snapshots", Access.USER, r -> Response.ok(r.page(snapshots.ofVm(vm(r).id()))))
        .get("/api/v1/vms/{id}/snapshots/{snapshotId}", Access.USER, r -> Response.ok(snapshot(r, vm(r))))
        .post("/api/v1/vms/{id}/snapshots", Access.USER, this::create)
        .delete("/api/v1/vms/{id}/snapshots/{snapshotId}", Access.USER, this::delete)
        .post("/api/v1/vms/{id}/snapshots/{snapshotId}/rollback", Access.USER, this::rollback)
        .post("/api/v1/vms/{id}/snapshots/{snapshotId}/disks", Access.USER, this::diskFromSnapshot);
  }

  private VmRecord vm(Request r) {
    String id = r.path("id");
    return vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
  }

  private DiskSnapshot snapshot(Request r, VmRecord vm) {
    String id = r.path("snapshotId");
    return snapshots.resolveOnVm(vm.id(), id).filter(s -> s.state() != DiskSnapshotState.DELETED)
        .orElseThrow(() -> ApiException.notFound("snapshot", id + " of VM " + vm.id()));
  }

  private static VmState state(Handle h, String vmId) {
    return VmStore.stateOf(h, vmId);
  }

  private static void runningOrStopped(Handle h, VmRecord vm) {
    VmState s = state(h, vm.id());
    if (s != VmState.RUNNING && s != VmState.STOPPED) {
      throw ApiException.conflict("VM " + vm.id() + " is " + s + "; its system disk's snapshots are taken and deleted"
          + " when it is RUNNING or STOPPED");
    }
  }

  private Response create(Request r) {
    VmRecord vm = vm(r);
    CreateDiskSnapshotRequest req = r.json(CreateDiskSnapshotRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    String id = Ids.next("snap");
    return Response.accepted(idempotency.create(r, h -> {
      int existing = snapshots.lockAndCountVm(h, vm.id());
      int max = maxPerDisk.getAsInt();
      if (existing >= max) {
        throw ApiException.invalid("name", "the system disk of VM " + vm.id() + " already has " + existing
            + " snapshots; a disk keeps at most " + max + " (the per-disk snapshot limit of"
            + " /api/v1/settings/disks): delete one first");
      }
      if (snapshots.nameTakenVm(h, vm.id(), name)) {
        throw new ApiException(409, "conflict", "name", "name: VM " + vm.id() + " already has a snapshot named '"
            + name + "'");
      }
      runningOrStopped(h, vm);
      snapshots.insert(h, new DiskSnapshot(id, null, name, req.description(), vm.vm().systemDiskGiB(),
          DiskSnapshotState.CREATING, null, null, vm.id()));
      return submission.job(h, jobs.systemJob(Action.CREATE), new SnapshotJobs.SystemContext(id, vm.id()), "vm",
          vm.id());
    }));
  }

  private Response delete(Request r) {
    VmRecord vm = vm(r);
    DiskSnapshot s = snapshot(r, vm);
    return Response.accepted(submission.submit(h -> {
      runningOrStopped(h, vm);
      DiskSnapshotState from = s.state() == DiskSnapshotState.ERROR ? DiskSnapshotState.ERROR
          : DiskSnapshotState.AVAILABLE;
      if (!snapshots.transition(h, s.id(), from, DiskSnapshotState.DELETING)) {
        throw ApiException.conflict("snapshot " + s.name() + " is busy; it can be deleted when AVAILABLE or ERROR");
      }
      return submission.job(h, jobs.systemJob(Action.DELETE), new SnapshotJobs.SystemContext(s.id(), vm.id()), "vm",
          vm.id());
    }));
  }

  /** 409 naming the rule unless the VM is STOPPED. */
  private Response rollback(Request r) {
    VmRecord vm = vm(r);
    DiskSnapshot s = snapshot(r, vm);
    return Response.accepted(submission.submit(h -> {
      VmState state = state(h, vm.id());
      if (state != VmState.STOPPED) {
        throw ApiException.conflict("VM " + vm.id() + " is " + state + "; a system disk is rolled back only when its"
            + " VM is STOPPED (stop the VM first)");
      }
      if (!snapshots.transition(h, s.id(), DiskSnapshotState.AVAILABLE, DiskSnapshotState.ROLLING_BACK)) {
        throw ApiException.conflict("snapshot " + s.name() + " is " + s.state()
            + "; a disk is rolled back to an AVAILABLE snapshot");
      }
      return submission.job(h, jobs.systemJob(Action.REVERT), new SnapshotJobs.SystemContext(s.id(), vm.id()), "vm",
          vm.id());
    }));
  }

  /** A new data disk with the system disk's data at the snapshot (overlay and base flattened). */
  private Response diskFromSnapshot(Request r) {
    VmRecord vm = vm(r);
    DiskSnapshot s = snapshot(r, vm);
    DiskFromSnapshotRequest req = r.json(DiskFromSnapshotRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    storage.ensureDefaults(clusters.list());
    StorageCluster sc = storage.ofSystemDisk(vm.id()).orElseThrow(); // where the system disk is (ADR 0028)
    String id = Ids.next("disk");
    return Response.accepted(idempotency.create(r, h -> {
      if (disks.nameTaken(h, name)) {
        throw new ApiException(409, "conflict", "name", "name: a disk named '" + name + "' already exists");
      }
      if (!snapshots.transition(h, s.id(), DiskSnapshotState.AVAILABLE, DiskSnapshotState.COPYING)) {
        throw ApiException.conflict("snapshot " + s.name() + " is " + s.state()
            + "; a disk is made from an AVAILABLE snapshot");
      }
      disks.insert(h, new Disk(id, name, req.description(), sc.id(), s.sizeGiB(), DiskState.CREATING, null, null,
          null, null, null, null));
      return submission.job(h, jobs.diskFromSnapshot(), new SnapshotJobs.CopyContext(id, s.id()), "disk", id);
    }));
  }
}
