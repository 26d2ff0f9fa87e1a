package dev.vireo.server.storage;

import dev.vireo.agent.protocol.MigrateSystemDiskCommand;
import dev.vireo.agent.protocol.VolumeReply;
import dev.vireo.api.model.MigrateDiskRequest;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.StorageClusterState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobProgress;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.time.Duration;
import java.util.List;

/**
 * Storage migration of a VM's system disk (white paper 4.5, issue 5 D5, ADR 0028):
 * {@code POST /api/v1/vms/{id}/system-disk/migrate {storageClusterId}} → 202 + MIGRATE_SYSTEM_DISK
 * on the VM's queue. A RUNNING VM keeps running (block copy and pivot of vda, progress on the
 * job); a STOPPED one is copied offline. The source is deleted only after the VM uses the copy;
 * the VM's record names the new storage cluster only after the agent succeeded.
 */
public final class SystemDiskMigrationRoutes {
  /** How long one system disk copy may take (a full copy of a large disk over NFS). */
  private static final Duration TIMEOUT = Duration.ofHours(6);

  private final VmStore vms;
  private final StorageClusterStore storage;
  private final SnapshotStore snapshots;
  private final Submission submission;
  private final VmHost host;
  private final EventBus events;
  private final JobType<Context> job;

  /** The VM, and the storage clusters its system disk moves from and to. */
  public record Context(String vmId, String fromStorageClusterId, String toStorageClusterId) {}

  public SystemDiskMigrationRoutes(VmStore vms, StorageClusterStore storage, SnapshotStore snapshots,
      Submission submission, VmHost host, EventBus events) {
    this.vms = vms;
    this.storage = storage;
    this.snapshots = snapshots;
    this.submission = submission;
    this.host = host;
    this.events = events;
    this.job = DiskJobs.job("MIGRATE_SYSTEM_DISK", Context.class,
        List.of(Step.of("Copy the system disk to the target storage cluster", this::copy)), this::changed,
        (c, reason) -> changed(c));
  }

  public JobType<Context> jobType() {
    return job;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/vms/{id}/system-disk/migrate", Access.USER, this::migrate);
  }

  /**
   * 422 naming {@code storageClusterId} for a missing, unknown, unavailable or current storage
   * cluster or one of another compute cluster; 409 for a VM not RUNNING or STOPPED or whose system
   * disk has snapshots (a copy does not carry qcow2 internal snapshots).
   */
  private Response migrate(Request r) {
    String id = r.path("id");
    VmRecord vm = vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
    MigrateDiskRequest req = r.json(MigrateDiskRequest.class);
    if (req.storageClusterId() == null || req.storageClusterId().isBlank()) {
      throw ApiException.invalid("storageClusterId", "is required (the storage cluster to move the system disk to)");
    }
    StorageCluster target = storage.resolve(req.storageClusterId()).orElseThrow(() -> ApiException.invalid(
        "storageClusterId", "unknown storage cluster '" + req.storageClusterId() + "'"));
    StorageCluster current = storage.ofSystemDisk(vm.id()).orElseThrow(() -> ApiException.conflict(
        "VM " + vm.id() + " has no storage cluster for its system disk (its compute cluster has none)"));
    if (target.id().equals(current.id())) {
      throw ApiException.invalid("storageClusterId", "the system disk of VM " + vm.id() + " is already on storage"
          + " cluster " + current.name() + "; the target must be another storage cluster");
    }
    if (!target.clusterId().equals(vm.vm().clusterId())) {
      throw ApiException.invalid("storageClusterId", "storage cluster " + target.name() + " belongs to compute cluster "
          + target.clusterId() + "; the system disk of VM " + vm.id() + " can only move within compute cluster "
          + vm.vm().clusterId());
    }
    if (target.state() != StorageClusterState.AVAILABLE) {
      throw ApiException.invalid("storageClusterId", "storage cluster " + target.name() + " is " + target.state()
          + ", not AVAILABLE");
    }
    return Response.accepted(submission.submit(h -> {
      int held = snapshots.lockAndCountVm(h, vm.id());
      if (held > 0) {
        throw ApiException.conflict("the system disk of VM " + vm.id() + " has " + held + " snapshot(s); they live"
            + " inside the disk and a storage migration does not carry them: delete them first");
      }
      VmState state = VmStore.stateOf(h, vm.id());
      if (state != VmState.RUNNING && state != VmState.STOPPED) {
        throw ApiException.conflict("cannot migrate the system disk of VM " + vm.id() + " while it is " + state
            + "; it must be RUNNING or STOPPED");
      }
      StorageCluster now = storage.ofSystemDisk(h, vm.id()).orElseThrow();
      if (!now.id().equals(current.id())) {
        throw ApiException.conflict("the system disk of VM " + vm.id() + " moved meanwhile; try again");
      }
      return submission.job(h, job, new Context(vm.id(), current.id(), target.id()), "vm", vm.id());
    }));
  }

  private void copy(Context c) throws Exception {
    VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " no longer exists"));
    StorageCluster from = storage.get(c.fromStorageClusterId()).orElseThrow(() -> new JobFailedException(
        "storage cluster " + c.fromStorageClusterId() + " no longer exists"));
    StorageCluster to = storage.get(c.toStorageClusterId()).orElseThrow(() -> new JobFailedException(
        "storage cluster " + c.toStorageClusterId() + " no longer exists"));
    MigrateSystemDiskCommand command = new MigrateSystemDiskCommand(vm.id(),
        host.systemDiskPath(vm.id(), from.path()).toString(), host.systemDiskPath(vm.id(), to.path()).toString(),
        vm.nodeId() == null ? null : vm.id());
    VolumeReply v;
    if (vm.nodeId() != null) {
      try (BlockCopyWatch watch = BlockCopyWatch.of(host, vm.nodeId(), vm.id(), "vda")) {
        v = host.call(vm, command, VolumeReply.class, TIMEOUT);
        watch.done();
      }
    } else {
      String node = host.anyConnectedNode(to.clusterId()).orElseThrow(() -> new JobFailedException(
          "no CONNECTED node of cluster " + to.clusterId() + " reaches storage cluster " + to.name()));
      v = host.call(node, command, VolumeReply.class, TIMEOUT);
      JobProgress.current().report(100);
    }
    vms.setSystemStorageCluster(vm.id(), to.defaultForCluster() ? null : to.id());
    if (v.storage() != null) {
      storage.measured(to.id(), v.storage().capacityBytes(), v.storage().usedBytes());
    }
  }

  private void changed(Context c) {
    events.publish("vm", c.vmId(), vms.get(c.vmId()).map(v -> v.state().name()).orElse("DELETED"));
  }
}
