package dev.vireo.api.model;

/**
 * The global disk settings (white paper 6.3.2): whether disk QoS applies at all, and how many
 * manual snapshots one disk may keep (1-5). In a PUT a null field keeps its value; {@code qosJobId}
 * is only answered by a PUT that switched QoS: the job re-applying the limits to the disks of the
 * VMs on nodes (null otherwise, ignored in a request).
 */
public record DiskSettings(Boolean qosEnabled, Integer maxSnapshotsPerDisk, String qosJobId) {
  public DiskSettings(Boolean qosEnabled, Integer maxSnapshotsPerDisk) {
    this(qosEnabled, maxSnapshotsPerDisk, null);
  }
}
