package dev.vireo.server.storage;

import dev.vireo.agent.protocol.AttachDiskCommand;
import dev.vireo.agent.protocol.CloneVolumeCommand;
import dev.vireo.agent.protocol.CreateVolumeCommand;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DeleteVolumeCommand;
import dev.vireo.agent.protocol.DetachDiskCommand;
import dev.vireo.agent.protocol.MigrateVolumeCommand;
import dev.vireo.agent.protocol.ResizeVolumeCommand;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.agent.protocol.VolumeReply;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.vm.VmDataDisks;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk jobs (ADR 0021). Create and delete run on the disk; attach, detach and the resize of an
 * attached disk run on the VM, behind its start, stop and migration, so they reach the node the VM
 * is really on. Each ends with the disk in the state that tells the truth.
 */
public final class DiskJobs implements VmDataDisks {
  private static final Logger LOG = LoggerFactory.getLogger(DiskJobs.class);

  /** A disk just recorded (CREATING). */
  public record CreateContext(String diskId) {}

  /** A disk to delete and the state it had. */
  public record DeleteContext(String diskId, DiskState previous) {}

  /** A disk to grow from {@code fromGiB} to {@code toGiB}; {@code previous}: AVAILABLE or ATTACHED. */
  public record ResizeContext(String diskId, int fromGiB, int toGiB, DiskState previous) {}

  /** A new disk (CREATING) copied from a source disk held CLONING meanwhile. */
  public record CloneContext(String diskId, String sourceDiskId) {}

  /**
   * A disk held MIGRATING while it moves from one storage cluster to another (ADR 0026);
   * {@code previous}: AVAILABLE or ATTACHED.
   */
  public record MigrateContext(String diskId, String fromStorageClusterId, String toStorageClusterId,
      DiskState previous) {}

  /** A disk recorded as ATTACHING (or DETACHING) on a VM at a target. */
  public record AttachContext(String diskId, String vmId, String target) {}

  private final DiskStore disks;
  private final VmStore vms;
  private final VmHost host;
  private final StorageNodes nodes;
  private final StorageClusterStore storage;
  private final EventBus events;
  private DiskQosPolicy qos;

  public DiskJobs(DiskStore disks, StorageClusterStore storage, VmStore vms, VmHost host, EventBus events) {
    this.disks = disks;
    this.vms = vms;
    this.host = host;
    this.nodes = new StorageNodes(host, storage);
    this.storage = storage;
    this.events = events;
  }

  /** Disk QoS (ADR 0025): every definition carries the limits, an expansion raises them. */
  public void useQos(DiskQosPolicy policy) {
    this.qos = policy;
    nodes.useQos(policy);
  }

  public List<JobType<?>> all() {
    return List.of(create(), delete(), resize(), attach(), detach(), cloneDisk(), migrate());
  }

  private Disk disk(String id) throws JobFailedException {
    return disks.get(id).orElseThrow(() -> new JobFailedException("disk " + id + " no longer exists"));
  }

  private void to(String id, DiskState state, String reason) {
    disks.setState(id, state, reason);
    if (state == DiskState.DELETED) {
      disks.snapshotsGone(id); // they lived inside the volume (ADR 0025)
    }
    events.publish("disk", id, state.name());
  }

  private void detachedTo(String id, DiskState state, String reason) {
    disks.detached(id, state, reason);
    if (state == DiskState.DELETED) {
      disks.snapshotsGone(id);
    }
    events.publish("disk", id, state.name());
  }

  private void recordVolume(Disk d, StorageCluster sc, VolumeReply v) {
    disks.allocated(d.id(), v.allocatedBytes());
    nodes.measured(sc, v.storage());
  }

  public JobType<CreateContext> create() {
    return job("CREATE_DISK", CreateContext.class, List.of(Step.of("Create thin volume", c -> {
      Disk d = disk(c.diskId());
      StorageCluster sc = nodes.of(d);
      VolumeReply v = nodes.call(sc, new CreateVolumeCommand(d.id(), sc.path(), StorageNodes.volumePath(sc, d.id()),
          (long) d.sizeGiB() << 30), VolumeReply.class);
      recordVolume(d, sc, v);
    }, c -> {
      Disk d = disk(c.diskId());
      StorageCluster sc = nodes.of(d);
      nodes.call(sc, new DeleteVolumeCommand(d.id(), sc.path(), StorageNodes.volumePath(sc, d.id())), StorageReply.class);
    })), c -> to(c.diskId(), DiskState.AVAILABLE, null),
        (c, reason) -> to(c.diskId(), DiskState.ERROR, "create failed: " + reason));
  }

  /** The source is held CLONING (nothing attaches it and writes meanwhile) and AVAILABLE again after. */
  public JobType<CloneContext> cloneDisk() {
    return job("CLONE_DISK", CloneContext.class, List.of(Step.of("Copy the volume", c -> {
      Disk d = disk(c.diskId());
      Disk source = disk(c.sourceDiskId());
      StorageCluster sc = nodes.of(d);
      VolumeReply v = nodes.call(sc, new CloneVolumeCommand(source.id(), StorageNodes.volumePath(nodes.of(source),
          source.id()), d.id(), sc.path(), StorageNodes.volumePath(sc, d.id())), VolumeReply.class);
      recordVolume(d, sc, v);
    }, c -> {
      Disk d = disk(c.diskId());
      StorageCluster sc = nodes.of(d);
      nodes.call(sc, new DeleteVolumeCommand(d.id(), sc.path(), StorageNodes.volumePath(sc, d.id())), StorageReply.class);
    })), c -> {
      to(c.diskId(), DiskState.AVAILABLE, null);
      to(c.sourceDiskId(), DiskState.AVAILABLE, null);
    }, (c, reason) -> {
      to(c.diskId(), DiskState.ERROR, "clone failed: " + reason);
      to(c.sourceDiskId(), DiskState.AVAILABLE, null);
    });
  }

  public JobType<DeleteContext> delete() {
    return job("DELETE_DISK", DeleteContext.class, List.of(Step.of("Delete volume", c -> {
      Disk d = disk(c.diskId());
      StorageCluster sc = nodes.of(d);
      nodes.measured(sc, nodes.call(sc, new DeleteVolumeCommand(d.id(), sc.path(), StorageNodes.volumePath(sc, d.id())),
          StorageReply.class));
    })), c -> to(c.diskId(), DiskState.DELETED, null),
        (c, reason) -> to(c.diskId(), c.previous(), "delete failed: " + reason));
  }

  /**
   * Online through the VM's node (blockresize: the guest sees the new size at once) when the disk
   * is attached to a VM placed on a node, otherwise offline on any node of the storage.
   */
  public JobType<ResizeContext> resize() {
    return job("RESIZE_DISK", ResizeContext.class, List.of(Step.of("Grow volume", c -> {
      Disk d = disk(c.diskId());
      StorageCluster sc = nodes.of(d);
      String path = StorageNodes.volumePath(sc, d.id());
      VmRecord vm = d.vmId() == null ? null : vms.get(d.vmId()).orElse(null);
      ResizeVolumeCommand command = new ResizeVolumeCommand(d.id(), sc.path(), path,
          vm == null ? null : vm.id(), (long) c.toGiB() << 30);
      VolumeReply v = vm != null && vm.nodeId() != null ? host.call(vm, command, VolumeReply.class)
          : nodes.call(sc, command, VolumeReply.class);
      recordVolume(d, sc, v);
      if (qos != null) { // keep the larger of the disk's limits and the new size's formula (ADR 0025)
        qos.grown(d.id(), c.toGiB());
        if (qos.enabled() && vm != null && vm.nodeId() != null) {
          host.call(vm, new dev.vireo.agent.protocol.SetDiskQosCommand(vm.id(), nodes.definition(d, c.toGiB())),
              VmStateReply.class);
        }
      }
    })), c -> {
      disks.setSize(c.diskId(), c.toGiB());
      to(c.diskId(), c.previous(), null);
    }, (c, reason) -> to(c.diskId(), c.previous(), "expand failed: " + reason));
  }

  /** How long one volume copy may take (a full copy of a large disk over NFS). */
  private static final java.time.Duration MIGRATE_TIMEOUT = java.time.Duration.ofHours(6);

  /**
   * Storage migration (ADR 0026): a disk attached to a VM placed on a node moves on that node (live
   * block copy and pivot when it runs, an offline copy and a repointed definition otherwise);
   * a detached disk on any node of the storage. The agent deletes the source only after the copy
   * is in use and cleans up the partial copy on failure, so the inventory changes only on success.
   */
  public JobType<MigrateContext> migrate() {
    return job("MIGRATE_DISK", MigrateContext.class, List.of(Step.of("Copy to the target storage cluster", c -> {
      Disk d = disk(c.diskId());
      StorageCluster from = storageCluster(c.fromStorageClusterId());
      StorageCluster to = storageCluster(c.toStorageClusterId());
      VmRecord vm = d.vmId() == null ? null : vms.get(d.vmId()).orElse(null);
      MigrateVolumeCommand command = new MigrateVolumeCommand(d.id(), StorageNodes.volumePath(from, d.id()), to.path(),
          StorageNodes.volumePath(to, d.id()), vm == null ? null : vm.id(), vm == null ? null : d.target());
      VolumeReply v;
      if (vm != null && vm.nodeId() != null) {
        try (BlockCopyWatch watch = BlockCopyWatch.of(host, vm.nodeId(), vm.id(), d.target())) { // ADR 0028
          v = host.call(vm, command, VolumeReply.class, MIGRATE_TIMEOUT);
          watch.done();
        }
      } else {
        v = host.call(host.anyConnectedNode(to.clusterId()).orElseThrow(() -> new JobFailedException(
            "no CONNECTED node of cluster " + to.clusterId() + " reaches storage cluster " + to.name())),
            command, VolumeReply.class, MIGRATE_TIMEOUT);
        dev.vireo.server.job.JobProgress.current().report(100);
      }
      disks.movedTo(d.id(), to.id());
      recordVolume(disk(d.id()), to, v);
    })), c -> to(c.diskId(), c.previous(), null),
        (c, reason) -> to(c.diskId(), c.previous(), "migration failed: " + reason));
  }

  private StorageCluster storageCluster(String id) throws JobFailedException {
    return storage.get(id).orElseThrow(() -> new JobFailedException("storage cluster " + id + " no longer exists"));
  }

  /** Live (hot-plug) on a running VM, into the persistent definition of a stopped one, nothing for a VM on no node. */
  public JobType<AttachContext> attach() {
    return job("ATTACH_DISK", AttachContext.class, List.of(Step.of("Attach to the VM", c -> {
      VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " no longer exists"));
      if (vm.nodeId() != null) {
        host.call(vm, new AttachDiskCommand(vm.id(), nodes.definition(disk(c.diskId()))), VmStateReply.class);
      }
    })), c -> to(c.diskId(), DiskState.ATTACHED, null), (c, reason) -> {
      undoAttach(c);
      detachedTo(c.diskId(), DiskState.AVAILABLE, "attach failed: " + reason);
    });
  }

  /** A failed attach may have reached the domain (a reply lost): take the disk off it again, best effort. */
  private void undoAttach(AttachContext c) {
    try {
      VmRecord vm = vms.get(c.vmId()).orElse(null);
      if (vm != null && vm.nodeId() != null) {
        Disk d = disk(c.diskId());
        StorageCluster sc = nodes.of(d);
        host.call(vm, new DetachDiskCommand(vm.id(), new DataDiskDefinition(d.id(), StorageNodes.volumePath(sc, d.id()),
            c.target())), VmStateReply.class);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("could not take disk {} off VM {} after a failed attach: {}", c.diskId(), c.vmId(), e.getMessage());
    }
  }

  /** Live (hot-unplug, waiting for the guest to release it) and from the persistent definition. */
  public JobType<AttachContext> detach() {
    return job("DETACH_DISK", AttachContext.class, List.of(Step.of("Detach from the VM", c -> {
      VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " no longer exists"));
      if (vm.nodeId() != null) {
        Disk d = disk(c.diskId());
        StorageCluster sc = nodes.of(d);
        host.call(vm, new DetachDiskCommand(vm.id(), new DataDiskDefinition(d.id(), StorageNodes.volumePath(sc, d.id()),
            c.target())), VmStateReply.class);
      }
    })), c -> detachedTo(c.diskId(), DiskState.AVAILABLE, null),
        (c, reason) -> to(c.diskId(), DiskState.ATTACHED, "detach failed: " + reason));
  }

  @Override
  public List<DataDiskDefinition> definitions(String vmId) {
    List<DataDiskDefinition> out = new ArrayList<>();
    for (Disk d : disks.ofVm(vmId)) {
      try {
        out.add(nodes.definition(d));
      } catch (JobFailedException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public void vmDeleted(String vmId, boolean deleteDisks) throws Exception {
    disks.systemSnapshotsGone(vmId); // they lived in its overlay, deleted with the VM (ADR 0025)
    for (Disk d : disks.ofVm(vmId)) {
      if (deleteDisks) {
        StorageCluster sc = nodes.of(d);
        nodes.measured(sc, nodes.call(sc, new DeleteVolumeCommand(d.id(), sc.path(),
            StorageNodes.volumePath(sc, d.id())), StorageReply.class));
        detachedTo(d.id(), DiskState.DELETED, "deleted with VM " + vmId);
      } else {
        detachedTo(d.id(), DiskState.AVAILABLE, "detached: VM " + vmId + " was deleted");
      }
    }
  }

  /** What a job does when it ends. */
  interface Outcome<C> {
    void accept(C context, String reason) throws Exception;
  }

  static <C> JobType<C> job(String name, Class<C> type, List<Step<C>> steps, Step.ThrowingConsumer<C> success,
      Outcome<C> failure) {
    return new JobType<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<C> contextType() {
        return type;
      }

      @Override
      public List<Step<C>> steps() {
        return steps;
      }

      @Override
      public void onSuccess(C context) throws Exception {
        success.accept(context);
      }

      @Override
      public void onFailure(C context, String reason) throws Exception {
        failure.accept(context, reason);
      }
    };
  }
}
