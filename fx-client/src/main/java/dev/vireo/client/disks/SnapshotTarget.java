package dev.vireo.client.disks;

/**
 * Whose snapshots the snapshots screen shows: a data disk (its id) or a VM's system disk (the VM's
 * id; the server keeps those under /api/v1/vms/{id}/snapshots). Encoded in the tool bar's choice
 * value as the disk id or {@code vm:<id>}.
 */
public record SnapshotTarget(boolean systemDisk, String id) {
  private static final String VM = "vm:";

  public static SnapshotTarget dataDisk(String diskId) {
    return new SnapshotTarget(false, diskId);
  }

  public static SnapshotTarget systemDiskOf(String vmId) {
    return new SnapshotTarget(true, vmId);
  }

  /** The target of a choice value; null for the empty value (nothing chosen yet). */
  public static SnapshotTarget parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return value.startsWith(VM) ? systemDiskOf(value.substring(VM.length())) : dataDisk(value);
  }

  public String value() {
    return systemDisk ? VM + id : id;
  }
}
