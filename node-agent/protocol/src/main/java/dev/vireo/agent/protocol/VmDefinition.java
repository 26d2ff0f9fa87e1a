package dev.vireo.agent.protocol;

/**
 * Everything an agent needs to define a VM's domain. Paths are on the shared storage root.
 *
 * @param domainName libvirt domain name (the VM id)
 * @param title the VM's display name, stored as the domain title
 * @param bootMode {@code BIOS} or {@code UEFI}
 * @param nvramPath per-VM UEFI variable store (ignored for BIOS)
 * @param vncPassword password of the VNC display, which listens on {@code vncListen} only
 * @param nics the VM's NICs on flat networks, in guest order (eth0 first); empty: none
 * @param seed guest customisation (NoCloud seed), or null
 * @param dataDisks the VM's attached data disks in target order (ADR 0021); empty or null: none
 * @param cpuMode {@code CUSTOM} (a migration-safe named model the agent picks from libvirt's domain
 *     capabilities) or {@code HOST_PASSTHROUGH}; null means CUSTOM
 * @param maxVcpus the vCPUs the domain can be hot-upgraded to while it runs ({@code vcpus} are
 *     online at start); 0 or less than {@code vcpus} means {@code vcpus}
 * @param pciPassthrough host PCI functions ({@code 0000:b1:00.0}) passed through with
 *     {@code managed='yes'} (GPUs with their IOMMU group, ADR 0027); empty: none
 * @param usbDevices USB passthrough and redirection devices (ADR 0027); empty: none
 * @param cdromPath an installation ISO in a CD-ROM drive that boots after the system disk
 *     (ADR 0029: a blank disk falls through to the ISO, an installed one boots itself); null: none
 */
public record VmDefinition(
    String vmId,
    String domainName,
    String title,
    int vcpus,
    long memoryMiB,
    String systemDiskPath,
    String bootMode,
    String nvramPath,
    String serialLogPath,
    String vncListen,
    String vncPassword,
    java.util.List<NicDefinition> nics,
    GuestSeed seed,
    java.util.List<DataDiskDefinition> dataDisks,
    String cpuMode,
    int maxVcpus,
    // devices (ADR 0027): the host PCI functions passed through (each GPU with its IOMMU group's other functions)
    java.util.List<String> pciPassthrough,
    java.util.List<UsbDeviceDefinition> usbDevices,
    // ISO install (ADR 0029)
    String cdromPath) {

  public VmDefinition {
    pciPassthrough = pciPassthrough == null ? java.util.List.of() : java.util.List.copyOf(pciPassthrough);
    usbDevices = usbDevices == null ? java.util.List.of() : java.util.List.copyOf(usbDevices);
  }

  /** Without an installation ISO. */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword,
      java.util.List<NicDefinition> nics, GuestSeed seed, java.util.List<DataDiskDefinition> dataDisks,
      String cpuMode, int maxVcpus, java.util.List<String> pciPassthrough,
      java.util.List<UsbDeviceDefinition> usbDevices) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, nics, seed, dataDisks, cpuMode, maxVcpus, pciPassthrough, usbDevices, null);
  }

  /** With PCI passthrough, without USB devices (ADR 0027). */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword,
      java.util.List<NicDefinition> nics, GuestSeed seed, java.util.List<DataDiskDefinition> dataDisks,
      String cpuMode, int maxVcpus, java.util.List<String> pciPassthrough) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, nics, seed, dataDisks, cpuMode, maxVcpus, pciPassthrough, java.util.List.of());
  }

  /** Without PCI passthrough (ADR 0027). */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword,
      java.util.List<NicDefinition> nics, GuestSeed seed, java.util.List<DataDiskDefinition> dataDisks,
      String cpuMode, int maxVcpus) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, nics, seed, dataDisks, cpuMode, maxVcpus, java.util.List.of(), java.util.List.of());
  }

  /** A VM without data disks, with the default CPU mode and no hot-upgrade room. */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword,
      java.util.List<NicDefinition> nics, GuestSeed seed) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, nics, seed, java.util.List.of(), null, 0);
  }

  /** With data disks (ADR 0021), the default CPU mode and no hot-upgrade room. */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword,
      java.util.List<NicDefinition> nics, GuestSeed seed, java.util.List<DataDiskDefinition> dataDisks) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, nics, seed, dataDisks, null, 0);
  }

  /** Without data disks, with a CPU mode and hot-upgrade room (ADR 0024). */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword,
      java.util.List<NicDefinition> nics, GuestSeed seed, String cpuMode, int maxVcpus) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, nics, seed, java.util.List.of(), cpuMode, maxVcpus);
  }

  /** The vCPU maximum the domain is defined with. */
  public int vcpuMaximum() {
    return Math.max(vcpus, maxVcpus);
  }

  /** A VM without NICs or seed. */
  public VmDefinition(String vmId, String domainName, String title, int vcpus, long memoryMiB, String systemDiskPath,
      String bootMode, String nvramPath, String serialLogPath, String vncListen, String vncPassword) {
    this(vmId, domainName, title, vcpus, memoryMiB, systemDiskPath, bootMode, nvramPath, serialLogPath, vncListen,
        vncPassword, java.util.List.of(), null);
  }
}
