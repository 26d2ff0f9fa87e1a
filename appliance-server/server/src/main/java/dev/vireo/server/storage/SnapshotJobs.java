package dev.vireo.server.storage;

import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.DeleteVolumeCommand;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.agent.protocol.VolumeFromSnapshotCommand;
import dev.vireo.agent.protocol.VolumeReply;
import dev.vireo.agent.protocol.VolumeSnapshotCommand;
import dev.vireo.agent.protocol.VolumeSnapshotCommand.Action;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.util.List;

/**
 * The snapshot jobs (ADR 0025). A snapshot of an attached disk is taken on the VM's node, as a job
 * of the VM (behind its start, stop and migration): live when the VM runs. A detached disk is held
 * SNAPSHOTTING meanwhile so nothing attaches it. Each job ends with the disk back in the state it had.
 */
public final class SnapshotJobs {
  /** A snapshot just recorded (CREATING) of a disk that was in {@code previous}. */
  public record SnapshotContext(String snapshotId, String diskId, DiskState previous) {}

  /** A new disk (CREATING) from a snapshot held COPYING meanwhile. */
  public record CopyContext(String diskId, String snapshotId) {}

  private final DiskStore disks;
  private final SnapshotStore snapshots;
  private final VmStore vms;
  private final VmHost host;
  private final StorageNodes nodes;
  private final EventBus events;

  public SnapshotJobs(DiskStore disks, SnapshotStore snapshots, StorageClusterStore storage, VmStore vms, VmHost host,
      EventBus events) {
    this.disks = disks;
    this.snapshots = snapshots;
    this.vms = vms;
    this.host = host;
    this.nodes = new StorageNodes(host, storage);
    this.events = events;
  }

  public List<JobType<?>> all() {
    return List.of(create(), delete(), rollback(), diskFromSnapshot(), systemJob(Action.CREATE), systemJob(Action.DELETE),
        systemJob(Action.REVERT));
  }

  // --- system-disk snapshots: the VM's overlay, on its node (or any node of its cluster when unplaced) ---

  /** A snapshot of the VM's system disk. */
  public record SystemContext(String snapshotId, String vmId) {}

  /** The VM's system disk as the agent checks it: diskId = the VM id, the overlay where it lives now (ADR 0028). */
  private String systemPath(VmRecord vm) {
    return host.systemDiskPath(vm).toString();
  }

  /** The storage the system disk is on: {@code <storage>} of {@code <storage>/vms/<id>/system.qcow2}. */
  private String systemStorage(VmRecord vm) {
    return host.systemDiskPath(vm).getParent().getParent().getParent().toString();
  }

  public JobType<SystemContext> systemJob(Action action) {
    String name = switch (action) {
      case CREATE -> "CREATE_SYSTEM_SNAPSHOT";
      case DELETE -> "DELETE_SYSTEM_SNAPSHOT";
      case REVERT -> "ROLLBACK_SYSTEM_SNAPSHOT";
    };
    Step<SystemContext> step = action == Action.CREATE
        ? Step.of("Take the snapshot", c -> onSystem(c, Action.CREATE), c -> onSystem(c, Action.DELETE))
        : Step.of(action == Action.DELETE ? "Delete the snapshot" : "Roll the system disk back", c -> onSystem(c, action));
    DiskSnapshotState after = action == Action.DELETE ? DiskSnapshotState.DELETED : DiskSnapshotState.AVAILABLE;
    return DiskJobs.job(name, SystemContext.class, List.of(step), c -> snapshotTo(c.snapshotId(), after, null),
        (c, reason) -> snapshotTo(c.snapshotId(), action == Action.CREATE ? DiskSnapshotState.ERROR
            : DiskSnapshotState.AVAILABLE, name.toLowerCase().replace('_', ' ') + " failed: " + reason));
  }

  private void onSystem(SystemContext c, Action action) throws Exception {
    VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " no longer exists"));
    AgentCommand command = new VolumeSnapshotCommand(action, vm.id(), systemStorage(vm), systemPath(vm),
        c.snapshotId(), vm.id());
    if (vm.nodeId() != null) {
      host.call(vm, command, VolumeReply.class, StorageNodes.TIMEOUT);
    } else {
      String node = host.anyConnectedNode(vm.vm().clusterId()).orElseThrow(() -> new JobFailedException(
          "no CONNECTED node of cluster " + vm.vm().clusterId() + " reaches VM " + vm.id() + "'s system disk"));
      host.call(node, command, VolumeReply.class, StorageNodes.TIMEOUT);
    }
  }

  private Disk disk(String id) throws JobFailedException {
    return disks.get(id).orElseThrow(() -> new JobFailedException("disk " + id + " no longer exists"));
  }

  private DiskSnapshot snapshot(String id) throws JobFailedException {
    return snapshots.get(id).orElseThrow(() -> new JobFailedException("snapshot " + id + " no longer exists"));
  }

  /** The volume command on the attached VM's node (live if it runs there), else on any node of the storage. */
  private VolumeReply onVolume(Disk d, Action action, String snapshotId) throws Exception {
    StorageCluster sc = nodes.of(d);
    VmRecord vm = d.vmId() == null ? null : vms.get(d.vmId()).orElse(null);
    AgentCommand command = new VolumeSnapshotCommand(action, d.id(), sc.path(), StorageNodes.volumePath(sc, d.id()),
        snapshotId, vm == null ? null : vm.id());
    VolumeReply v = vm != null && vm.nodeId() != null ? host.call(vm, command, VolumeReply.class, StorageNodes.TIMEOUT)
        : nodes.call(sc, command, VolumeReply.class);
    disks.allocated(d.id(), v.allocatedBytes());
    nodes.measured(sc, v.storage());
    return v;
  }

  private void diskTo(SnapshotContext c) {
    if (c.previous() != DiskState.ATTACHED) {
      disks.setState(c.diskId(), c.previous(), null);
      events.publish("disk", c.diskId(), c.previous().name());
    }
  }

  private void snapshotTo(String id, DiskSnapshotState state, String reason) {
    snapshots.setState(id, state, reason);
    events.publish("snapshot", id, state.name());
  }

  public JobType<SnapshotContext> create() {
    return DiskJobs.job("CREATE_SNAPSHOT", SnapshotContext.class, List.of(Step.of("Take the snapshot",
        c -> onVolume(disk(c.diskId()), Action.CREATE, c.snapshotId()),
        c -> onVolume(disk(c.diskId()), Action.DELETE, c.snapshotId()))), c -> {
          snapshotTo(c.snapshotId(), DiskSnapshotState.AVAILABLE, null);
          diskTo(c);
        }, (c, reason) -> {
          snapshotTo(c.snapshotId(), DiskSnapshotState.ERROR, "snapshot failed: " + reason);
          diskTo(c);
        });
  }

  public JobType<SnapshotContext> delete() {
    return DiskJobs.job("DELETE_SNAPSHOT", SnapshotContext.class, List.of(Step.of("Delete the snapshot",
        c -> onVolume(disk(c.diskId()), Action.DELETE, c.snapshotId()))), c -> {
          snapshotTo(c.snapshotId(), DiskSnapshotState.DELETED, null);
          diskTo(c);
        }, (c, reason) -> {
          snapshotTo(c.snapshotId(), DiskSnapshotState.AVAILABLE, "delete failed: " + reason);
          diskTo(c);
        });
  }

  /** The disk takes the snapshot's data and size (a later expansion is undone with the data). */
  public JobType<SnapshotContext> rollback() {
    return DiskJobs.job("ROLLBACK_SNAPSHOT", SnapshotContext.class, List.of(Step.of("Roll the disk back", c -> {
      VolumeReply v = onVolume(disk(c.diskId()), Action.REVERT, c.snapshotId());
      disks.setSize(c.diskId(), (int) (v.virtualSizeBytes() >> 30));
    })), c -> {
      snapshotTo(c.snapshotId(), DiskSnapshotState.AVAILABLE, null);
      diskTo(c);
    }, (c, reason) -> {
      snapshotTo(c.snapshotId(), DiskSnapshotState.AVAILABLE, "rollback failed: " + reason);
      diskTo(c);
    });
  }

  public JobType<CopyContext> diskFromSnapshot() {
    return DiskJobs.job("DISK_FROM_SNAPSHOT", CopyContext.class, List.of(Step.of("Copy the snapshot", c -> {
      Disk d = disk(c.diskId());
      DiskSnapshot s = snapshot(c.snapshotId());
      StorageCluster sc = nodes.of(d);
      AgentCommand command;
      VmRecord vm;
      if (s.vmId() != null) { // of a system disk: flattened (overlay + base) into a standalone volume
        vm = vms.get(s.vmId()).orElseThrow(() -> new JobFailedException("VM " + s.vmId() + " no longer exists"));
        command = new VolumeFromSnapshotCommand(vm.id(), systemPath(vm), s.id(), d.id(), sc.path(),
            StorageNodes.volumePath(sc, d.id()));
      } else {
        Disk source = disk(s.diskId());
        vm = source.vmId() == null ? null : vms.get(source.vmId()).orElse(null);
        command = new VolumeFromSnapshotCommand(source.id(), StorageNodes.volumePath(sc, source.id()), s.id(),
            d.id(), sc.path(), StorageNodes.volumePath(sc, d.id()));
      }
      VolumeReply v = vm != null && vm.nodeId() != null ? host.call(vm, command, VolumeReply.class, StorageNodes.TIMEOUT)
          : nodes.call(sc, command, VolumeReply.class);
      disks.allocated(d.id(), v.allocatedBytes());
      nodes.measured(sc, v.storage());
    }, c -> {
      Disk d = disk(c.diskId());
      StorageCluster sc = nodes.of(d);
      nodes.call(sc, new DeleteVolumeCommand(d.id(), sc.path(), StorageNodes.volumePath(sc, d.id())), StorageReply.class);
    })), c -> {
      disks.setState(c.diskId(), DiskState.AVAILABLE, null);
      events.publish("disk", c.diskId(), DiskState.AVAILABLE.name());
      snapshotTo(c.snapshotId(), DiskSnapshotState.AVAILABLE, null);
    }, (c, reason) -> {
      disks.setState(c.diskId(), DiskState.ERROR, "copy from snapshot failed: " + reason);
      events.publish("disk", c.diskId(), DiskState.ERROR.name());
      snapshotTo(c.snapshotId(), DiskSnapshotState.AVAILABLE, null);
    });
  }
}
