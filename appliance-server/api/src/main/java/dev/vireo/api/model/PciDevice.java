package dev.vireo.api.model;

/**
 * A PCI display controller (GPU) of the host: address, vendor:device id, class and bound driver;
 * its IOMMU group (null: no IOMMU, cannot be passed through) with the group's other functions
 * (passed through with it), and the VM it is assigned to (null: free) (ADR 0027).
 */
public record PciDevice(String address, String vendorId, String deviceId, String classId, String driver,
    Integer iommuGroup, java.util.List<String> groupFunctions, String assignedVmId) {

  /** As listed before GPU passthrough. */
  public PciDevice(String address, String vendorId, String deviceId, String classId, String driver) {
    this(address, vendorId, deviceId, classId, driver, null, java.util.List.of(), null);
  }
}
