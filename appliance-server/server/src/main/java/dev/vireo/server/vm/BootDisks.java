package dev.vireo.server.vm;

import org.jdbi.v3.core.Handle;

/**
 * Data disks that become a new VM's system disk (C5, white paper 4.2.12; ADR 0029), implemented by
 * the storage side: {@link #claim} checks and reserves the disk in the VM's create transaction, the
 * create job moves its volume into the VM's directory on the same storage and then consumes or
 * releases it.
 */
public interface BootDisks {
  /** A server assembled without data disks: no disk can be named. */
  BootDisks NONE = new BootDisks() {
    @Override
    public Claimed claim(Handle h, String disk, String clusterId, String vmId) {
      throw dev.vireo.server.http.ApiException.invalid("bootDisk", "this server has no data disks");
    }

    @Override
    public void consumed(String diskId, String vmId) {}

    @Override
    public void released(String diskId) {}
  };

  /**
   * The claimed disk: its id, storage cluster and mount path, volume path, and size.
   *
   * @param storagePath where its storage cluster is mounted (the VM's system disk goes to
   *     {@code <storagePath>/vms/<vmId>/system.qcow2})
   */
  record Claimed(String diskId, String storageClusterId, String storagePath, String volumePath, int sizeGiB) {}

  /**
   * 422 naming {@code bootDisk} when it is unknown or on the storage of another compute cluster,
   * 409 when it is not AVAILABLE (attached, busy) or has snapshots; otherwise reserves it for the VM.
   */
  Claimed claim(Handle h, String disk, String clusterId, String vmId);

  /** The VM was created: the disk is now its system disk and leaves the disk inventory. */
  void consumed(String diskId, String vmId);

  /** The create failed (its volume was moved back): the disk is AVAILABLE again. */
  void released(String diskId);
}
