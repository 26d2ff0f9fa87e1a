package dev.vireo.server.storage;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateDiskSnapshotRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskFromSnapshotRequest;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.Submission;
import java.util.EnumSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Disk snapshots (white paper 4.5, issue 5 D4, ADR 0025): take, list, delete, roll back, and make
 * a new disk from one. The rules ({@link SnapshotRules}) are checked in the request's transaction
 * with the disk's row locked, so two requests cannot both take the last free snapshot slot.
 */
public final class SnapshotRoutes {
  /** VM states in which a snapshot of its disk is taken or deleted (live when RUNNING). */
  private static final Set<VmState> SNAPSHOTTABLE = EnumSet.of(VmState.RUNNING, VmState.STOPPED);

  private final DiskStore disks;
  private final SnapshotStore snapshots;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final SnapshotJobs jobs;
  private final java.util.function.IntSupplier maxPerDisk;

  public SnapshotRoutes(DiskStore disks, SnapshotStore snapshots, Submission submission, IdempotencyKeys idempotency,
      SnapshotJobs jobs,
      java.util.function.IntSupplier maxPerDisk) {
    this.disks = disks;
    this.snapshots = snapshots;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
    this.maxPerDisk = maxPerDisk;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/disks/{id}/snapshots", Access.USER, r -> Response.ok(r.page(snapshots.ofDisk(disk(r).id()))))
        .get("/api/v1/disks/{id}/snapshots/{snapshotId}", Access.USER, r -> Response.ok(snapshot(r, disk(r))))
        .post("/api/v1/disks/{id}/snapshots", Access.USER, this::create)
        .delete("/api/v1/disks/{id}/snapshots/{snapshotId}", Access.USER, this::delete)
        .post("/api/v1/disks/{id}/snapshots/{snapshotId}/rollback", Access.USER, this::rollback)
        .post("/api/v1/disks/{id}/snapshots/{snapshotId}/disks", Access.USER, this::diskFromSnapshot);
  }

  private Disk disk(Request r) {
    String id = r.path("id");
    Disk d = disks.resolve(id).orElseThrow(() -> ApiException.notFound("disk", id));
    if (d.state() == DiskState.DELETED) {
      throw ApiException.notFound("disk", id);
    }
    return d;
  }

  private DiskSnapshot snapshot(Request r, Disk d) {
    String id = r.path("snapshotId");
    return snapshots.resolve(d.id(), id).filter(s -> s.state() != DiskSnapshotState.DELETED)
        .orElseThrow(() -> ApiException.notFound("snapshot", id + " of disk " + d.name()));
  }

  private static VmState vmState(Handle h, String vmId) {
    return vmId == null ? null : dev.vireo.server.vm.VmStore.stateOf(h, vmId);
  }

  /**
   * Holds a detached disk SNAPSHOTTING (nothing attaches it meanwhile) and checks an attached
   * disk's VM is RUNNING or STOPPED; answers the job's resource: the VM of an attached disk, else the disk.
   */
  private String[] hold(Handle h, Disk now) {
    SnapshotRules.snapshotAllowed(now);
    if (now.vmId() == null) {
      if (!disks.transition(h, now.id(), DiskState.AVAILABLE, DiskState.SNAPSHOTTING)) {
        throw ApiException.conflict("disk " + now.name() + " changed meanwhile; try again");
      }
      return new String[] {"disk", now.id()};
    }
    VmState vm = vmState(h, now.vmId());
    if (!SNAPSHOTTABLE.contains(vm)) {
      throw ApiException.conflict("disk " + now.name() + " is attached to VM " + now.vmId() + " which is " + vm
          + "; its snapshots are taken and deleted when the VM is RUNNING or STOPPED");
    }
    return new String[] {"vm", now.vmId()};
  }

  private Response create(Request r) {
    Disk d = disk(r);
    CreateDiskSnapshotRequest req = r.json(CreateDiskSnapshotRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    String id = Ids.next("snap");
    Accepted a = idempotency.create(r, h -> {
      int existing = snapshots.lockAndCount(h, d.id());
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      SnapshotRules.roomFor(now, existing, maxPerDisk.getAsInt());
      if (snapshots.nameTaken(h, d.id(), name)) {
        throw new ApiException(409, "conflict", "name", "name: disk " + d.name() + " already has a snapshot named '"
            + name + "'");
      }
      String[] resource = hold(h, now);
      snapshots.insert(h, new DiskSnapshot(id, d.id(), name, req.description(), now.sizeGiB(),
          DiskSnapshotState.CREATING, null, null, null));
      return submission.job(h, jobs.create(), new SnapshotJobs.SnapshotContext(id, d.id(), now.state()), resource[0],
          resource[1]);
    });
    return Response.accepted(a);
  }

  /** Any snapshot, without touching the others (each is its own set of cluster references in the volume). */
  private Response delete(Request r) {
    Disk d = disk(r);
    DiskSnapshot s = snapshot(r, d);
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      boolean error = snapshots.get(h, s.id()).map(x -> x.state() == DiskSnapshotState.ERROR).orElse(false);
      String[] resource = hold(h, now);
      if (!snapshots.transition(h, s.id(), error ? DiskSnapshotState.ERROR : DiskSnapshotState.AVAILABLE,
          DiskSnapshotState.DELETING)) {
        throw ApiException.conflict("snapshot " + s.name() + " is " + snapshots.get(h, s.id()).orElseThrow().state()
            + "; it can be deleted when AVAILABLE or ERROR");
      }
      return submission.job(h, jobs.delete(), new SnapshotJobs.SnapshotContext(s.id(), d.id(), now.state()),
          resource[0], resource[1]);
    }));
  }

  /** 409 naming the rule unless the disk is detached or its VM STOPPED. */
  private Response rollback(Request r) {
    Disk d = disk(r);
    DiskSnapshot s = snapshot(r, d);
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      SnapshotRules.rollbackAllowed(now, vmState(h, now.vmId()));
      String[] resource = hold(h, now);
      if (!snapshots.transition(h, s.id(), DiskSnapshotState.AVAILABLE, DiskSnapshotState.ROLLING_BACK)) {
        throw ApiException.conflict("snapshot " + s.name() + " is " + snapshots.get(h, s.id()).orElseThrow().state()
            + "; a disk is rolled back to an AVAILABLE snapshot");
      }
      return submission.job(h, jobs.rollback(), new SnapshotJobs.SnapshotContext(s.id(), d.id(), now.state()),
          resource[0], resource[1]);
    }));
  }

  /** A new disk with the snapshot's data and size, in the same storage cluster as the snapshot's disk. */
  private Response diskFromSnapshot(Request r) {
    Disk d = disk(r);
    DiskSnapshot s = snapshot(r, d);
    DiskFromSnapshotRequest req = r.json(DiskFromSnapshotRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    String id = Ids.next("disk");
    return Response.accepted(idempotency.create(r, h -> {
      if (disks.nameTaken(h, name)) {
        throw new ApiException(409, "conflict", "name", "name: a disk named '" + name + "' already exists");
      }
      if (!snapshots.transition(h, s.id(), DiskSnapshotState.AVAILABLE, DiskSnapshotState.COPYING)) {
        throw ApiException.conflict("snapshot " + s.name() + " is " + snapshots.get(h, s.id()).orElseThrow().state()
            + "; a disk is made from an AVAILABLE snapshot");
      }
      disks.insert(h, new Disk(id, name, req.description(), d.storageClusterId(), s.sizeGiB(), DiskState.CREATING,
          null, null, null, null, null, null));
      return submission.job(h, jobs.diskFromSnapshot(), new SnapshotJobs.CopyContext(id, s.id()), "disk", id);
    }));
  }
}
