package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms}. {@code image} and {@code spec} take an id or a unique name
 * (a spec name is like {@code 2C4G}); {@code clusterId} defaults to the only/default cluster;
 * {@code systemDiskGiB} defaults to 40 and is at least the image's size; {@code start} defaults
 * to true; {@code groupIds} (optional) are the isolation groups the VM joins, applied to its placement;
 * {@code haMode} defaults to {@code NONE}. {@code nics} (0-8, eth0 first) are on networks of the VM's
 * cluster; {@code hostname} defaults to one derived from the name; {@code dnsServers} (0-2) default to
 * the first network's; {@code password} (optional) is stored only as a SHA-512 crypt hash.
 * {@code cpuMode} defaults to CUSTOM. {@code gpuCount} (optional: 0/none, 1, 2 or 4) GPUs are passed
 * through (ADR 0027): the spec must be at least 4 vCPUs and 8 GiB per GPU.
 * {@code image} may be an ISO (ADR 0029): the VM gets a blank system disk of {@code systemDiskGiB}
 * and boots the ISO until an OS is installed on the disk. Instead of {@code image},
 * {@code bootDisk} (C5, white paper 4.2.12) names an AVAILABLE data disk holding an OS: it becomes
 * the VM's system disk; {@code osType} (default LINUX) and {@code bootMode} (default BIOS) say what
 * it holds (with an image they come from the image and may not be given).
 */
public record CreateVmRequest(
    String name,
    String description,
    String image,
    String spec,
    String clusterId,
    Integer systemDiskGiB,
    Boolean start,
    java.util.List<String> groupIds,
    HaMode haMode,
    java.util.List<VmNicRequest> nics,
    String hostname,
    java.util.List<String> dnsServers,
    String password,
    CpuMode cpuMode,
    // devices (ADR 0027)
    Integer gpuCount,
    // boot from a disk (C5, ADR 0029)
    String bootDisk,
    OsType osType,
    BootMode bootMode) {

  /** From an image (ADR 0029). */
  public CreateVmRequest(String name, String description, String image, String spec, String clusterId,
      Integer systemDiskGiB, Boolean start, java.util.List<String> groupIds, HaMode haMode,
      java.util.List<VmNicRequest> nics, String hostname, java.util.List<String> dnsServers, String password,
      CpuMode cpuMode, Integer gpuCount) {
    this(name, description, image, spec, clusterId, systemDiskGiB, start, groupIds, haMode, nics, hostname,
        dnsServers, password, cpuMode, gpuCount, null, null, null);
  }

  /** Without GPUs. */
  public CreateVmRequest(String name, String description, String image, String spec, String clusterId,
      Integer systemDiskGiB, Boolean start, java.util.List<String> groupIds, HaMode haMode,
      java.util.List<VmNicRequest> nics, String hostname, java.util.List<String> dnsServers, String password,
      CpuMode cpuMode) {
    this(name, description, image, spec, clusterId, systemDiskGiB, start, groupIds, haMode, nics, hostname,
        dnsServers, password, cpuMode, null);
  }

  /** With the default CPU mode (CUSTOM). */
  public CreateVmRequest(String name, String description, String image, String spec, String clusterId,
      Integer systemDiskGiB, Boolean start, java.util.List<String> groupIds, HaMode haMode,
      java.util.List<VmNicRequest> nics, String hostname, java.util.List<String> dnsServers, String password) {
    this(name, description, image, spec, clusterId, systemDiskGiB, start, groupIds, haMode, nics, hostname,
        dnsServers, password, null);
  }

  /** Without NICs or guest customisation. */
  public CreateVmRequest(String name, String description, String image, String spec, String clusterId,
      Integer systemDiskGiB, Boolean start, java.util.List<String> groupIds, HaMode haMode) {
    this(name, description, image, spec, clusterId, systemDiskGiB, start, groupIds, haMode, null, null, null, null);
  }

  /** Without an HA mode (NONE). */
  public CreateVmRequest(String name, String description, String image, String spec, String clusterId,
      Integer systemDiskGiB, Boolean start, java.util.List<String> groupIds) {
    this(name, description, image, spec, clusterId, systemDiskGiB, start, groupIds, null);
  }
}
