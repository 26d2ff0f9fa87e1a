package dev.vireo.api.model;

/**
 * A virtual machine. {@code stateReason} says why it is FAILED, UNKNOWN, or stopped by something
 * other than a request (e.g. its node failed); {@code haMode} decides what happens then.
 * {@code nics} are in guest order (eth0 first); {@code hostname} is null for VMs created before networks.
 * {@code cpuMode}: CUSTOM or HOST_PASSTHROUGH (white paper 4.2.17); {@code maxCpu}: the vCPUs a
 * RUNNING VM can be hot-upgraded to without a stop (set when its domain is defined; null: not yet).
 * {@code systemStorageClusterId}: the storage cluster the system disk was moved to by a system disk
 * migration (ADR 0028); null while it is on its compute cluster's default storage cluster.
 * {@code osType}: the guest's OS family (from its image, or given when it boots from a disk); a
 * reinstall keeps it (ADR 0029). {@code imageId} is null for a VM created from a disk (C5).
 * {@code cdromImageId}: the installation ISO in its CD-ROM drive, booted after the system disk
 * (ADR 0029); null when there is none or it was ejected. {@code regionId}: the region of its
 * cluster (ADR 0047), what the desktop's region switcher filters by.
 */
public record Vm(
    String id,
    String name,
    String description,
    VmState state,
    String stateReason,
    String clusterId,
    String nodeId,
    String imageId,
    String specId,
    int cpu,
    int memoryGiB,
    int systemDiskGiB,
    BootMode bootMode,
    java.time.Instant createdAt,
    java.time.Instant updatedAt,
    HaMode haMode,
    java.util.List<VmNic> nics,
    String hostname,
    // vm operations: CPU mode and hot-upgrade ceiling
    CpuMode cpuMode,
    Integer maxCpu,
    // system disk migration (ADR 0028)
    String systemStorageClusterId,
    // reinstall, boot from a disk, ISO install (ADR 0029)
    OsType osType,
    String cdromImageId,
    // region scope (ADR 0047)
    String regionId) {

  /** Without a region (ADR 0047). */
  public Vm(String id, String name, String description, VmState state, String stateReason, String clusterId,
      String nodeId, String imageId, String specId, int cpu, int memoryGiB, int systemDiskGiB, BootMode bootMode,
      java.time.Instant createdAt, java.time.Instant updatedAt, HaMode haMode, java.util.List<VmNic> nics,
      String hostname, CpuMode cpuMode, Integer maxCpu, String systemStorageClusterId, OsType osType,
      String cdromImageId) {
    this(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, cpuMode, maxCpu,
        systemStorageClusterId, osType, cdromImageId, null);
  }

  /** Without OS type or CD-ROM (ADR 0029). */
  public Vm(String id, String name, String description, VmState state, String stateReason, String clusterId,
      String nodeId, String imageId, String specId, int cpu, int memoryGiB, int systemDiskGiB, BootMode bootMode,
      java.time.Instant createdAt, java.time.Instant updatedAt, HaMode haMode, java.util.List<VmNic> nics,
      String hostname, CpuMode cpuMode, Integer maxCpu, String systemStorageClusterId) {
    this(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, cpuMode, maxCpu,
        systemStorageClusterId, null, null);
  }

  /** On the default storage cluster. */
  public Vm(String id, String name, String description, VmState state, String stateReason, String clusterId,
      String nodeId, String imageId, String specId, int cpu, int memoryGiB, int systemDiskGiB, BootMode bootMode,
      java.time.Instant createdAt, java.time.Instant updatedAt, HaMode haMode, java.util.List<VmNic> nics,
      String hostname, CpuMode cpuMode, Integer maxCpu) {
    this(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, cpuMode, maxCpu, null);
  }

  /** Without CPU mode (CUSTOM) or hot-upgrade ceiling. */
  public Vm(String id, String name, String description, VmState state, String stateReason, String clusterId,
      String nodeId, String imageId, String specId, int cpu, int memoryGiB, int systemDiskGiB, BootMode bootMode,
      java.time.Instant createdAt, java.time.Instant updatedAt, HaMode haMode, java.util.List<VmNic> nics,
      String hostname) {
    this(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, CpuMode.CUSTOM, null);
  }

  /** Without NICs or hostname. */
  public Vm(String id, String name, String description, VmState state, String stateReason, String clusterId,
      String nodeId, String imageId, String specId, int cpu, int memoryGiB, int systemDiskGiB, BootMode bootMode,
      java.time.Instant createdAt, java.time.Instant updatedAt, HaMode haMode) {
    this(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, java.util.List.of(), null);
  }

  /** The same VM with its NICs and hostname. */
  public Vm withNetworking(java.util.List<VmNic> nics, String hostname) {
    return new Vm(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, cpuMode, maxCpu,
        systemStorageClusterId, osType, cdromImageId, regionId);
  }

  /** The same VM with a CPU mode and hot-upgrade ceiling. */
  public Vm withCpu(CpuMode mode, Integer max) {
    return new Vm(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, mode, max,
        systemStorageClusterId, osType, cdromImageId, regionId);
  }

  /** The same VM with its OS type and installation ISO (ADR 0029). */
  public Vm withOs(OsType os, String cdrom) {
    return new Vm(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, cpuMode, maxCpu,
        systemStorageClusterId, os, cdrom, regionId);
  }

  /** The same VM in region {@code region} (ADR 0047). */
  public Vm withRegion(String region) {
    return new Vm(id, name, description, state, stateReason, clusterId, nodeId, imageId, specId, cpu, memoryGiB,
        systemDiskGiB, bootMode, createdAt, updatedAt, haMode, nics, hostname, cpuMode, maxCpu,
        systemStorageClusterId, osType, cdromImageId, region);
  }
}
