package dev.vireo.agent.protocol;

import java.util.List;

/**
 * A PCI display controller (class 0x03xxxx: VGA, 3D, other) of the host: a GPU the scheduler may
 * place a GPU VM on (ADR 0027).
 *
 * @param driver the kernel driver bound now ({@code nvidia}, {@code nouveau}, {@code vfio-pci}), or null
 * @param iommuGroup the device's IOMMU group number, or null when the host has no IOMMU enabled
 *     (then it cannot be passed through)
 * @param groupFunctions the other PCI functions of the same IOMMU group (a GPU's HDMI audio
 *     function, say), by address: passed through together with the GPU
 */
public record HostPciDevice(String address, String vendorId, String deviceId, String classId, String driver,
    Integer iommuGroup, List<String> groupFunctions) {

  /** A device as read before IOMMU groups were reported. */
  public HostPciDevice(String address, String vendorId, String deviceId, String classId, String driver) {
    this(address, vendorId, deviceId, classId, driver, null, List.of());
  }

  public HostPciDevice {
    groupFunctions = groupFunctions == null ? List.of() : List.copyOf(groupFunctions);
  }

  /** The model as the scheduler compares it: {@code vendor:device}, e.g. {@code 10de:20b5}. */
  public String model() {
    return vendorId + ":" + deviceId;
  }

  /** The PCI functions to pass through for these GPUs: each GPU, then the other functions of its group, once each. */
  public static List<String> passthroughFunctions(List<HostPciDevice> gpus) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    for (HostPciDevice g : gpus) {
      all.add(g.address());
      all.addAll(g.groupFunctions());
    }
    return List.copyOf(all);
  }

  /** Whether it can be passed through at all: it sits in an IOMMU group. */
  public boolean passthroughCapable() {
    return iommuGroup != null;
  }
}
