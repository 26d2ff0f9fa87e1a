package dev.vireo.agent.protocol;

/**
 * One data disk of a VM (ADR 0021): the thin qcow2 volume at {@code path} on a storage cluster,
 * attached as virtio disk {@code target} ({@code vdc}, {@code vdd}, ...) with the disk id as its
 * serial number, so the guest finds it under {@code /dev/disk/by-id/virtio-<diskId>} whatever
 * name its kernel gives it; {@code qos} its I/O limits (ADR 0025), null for none.
 */
public record DataDiskDefinition(String diskId, String path, String target, DiskQos qos) {

  /** A disk without I/O limits. */
  public DataDiskDefinition(String diskId, String path, String target) {
    this(diskId, path, target, null);
  }
}
