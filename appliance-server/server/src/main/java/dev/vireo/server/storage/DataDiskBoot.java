package dev.vireo.server.storage;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.vm.BootDisks;
import org.jdbi.v3.core.Handle;

/**
 * A data disk holding an OS becomes a new VM's system disk (C5, white paper 4.2.12; ADR 0029): it
 * is reserved (ATTACHING, "becoming the system disk of …") in the create transaction, its volume
 * moves into the VM's directory on the same storage cluster, and it then leaves the disk
 * inventory (DELETED, "became the system disk of …"), or is AVAILABLE again when the create failed.
 */
public final class DataDiskBoot implements BootDisks {
  private final DiskStore disks;
  private final StorageClusterStore storage;
  private final SnapshotStore snapshots;
  private final EventBus events;

  public DataDiskBoot(DiskStore disks, StorageClusterStore storage, SnapshotStore snapshots, EventBus events) {
    this.disks = disks;
    this.storage = storage;
    this.snapshots = snapshots;
    this.events = events;
  }

  @Override
  public Claimed claim(Handle h, String disk, String clusterId, String vmId) {
    Disk d = disks.resolve(disk).filter(x -> x.state() != DiskState.DELETED)
        .orElseThrow(() -> ApiException.invalid("bootDisk", "unknown disk '" + disk + "'"));
    StorageCluster sc = storage.get(h, d.storageClusterId())
        .orElseThrow(() -> ApiException.invalid("bootDisk", "the storage cluster of disk " + d.id() + " is gone"));
    if (!sc.clusterId().equals(clusterId)) {
      throw ApiException.invalid("bootDisk", "disk " + d.id() + " is on storage cluster " + sc.name()
          + " of compute cluster " + sc.clusterId() + ", not of the VM's cluster " + clusterId);
    }
    int held = snapshots.lockAndCount(h, d.id()); // locks the disk's row
    if (held > 0) {
      throw ApiException.conflict("disk " + d.id() + " has " + held + " snapshot(s); they would not follow it into"
          + " the system disk: delete them first");
    }
    if (!disks.transition(h, d.id(), DiskState.AVAILABLE, DiskState.ATTACHING)) {
      throw ApiException.conflict("disk " + d.id() + " is " + disks.get(h, d.id()).map(Disk::state).orElse(null)
          + (d.vmId() == null ? "" : " on VM " + d.vmId()) + "; only an AVAILABLE (detached) disk becomes a system disk");
    }
    disks.setState(h, d.id(), DiskState.ATTACHING, "becoming the system disk of VM " + vmId);
    return new Claimed(d.id(), sc.id(), sc.path(), StorageNodes.volumePath(sc, d.id()), d.sizeGiB());
  }

  @Override
  public void consumed(String diskId, String vmId) {
    disks.setState(diskId, DiskState.DELETED, "became the system disk of VM " + vmId);
    events.publish("disk", diskId, DiskState.DELETED.name());
  }

  @Override
  public void released(String diskId) {
    disks.setState(diskId, DiskState.AVAILABLE, null);
    events.publish("disk", diskId, DiskState.AVAILABLE.name());
  }
}
