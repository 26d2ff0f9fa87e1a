package dev.vireo.agent.libvirt;

import dev.vireo.agent.command.Hypervisor.DomainDevices;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.agent.protocol.VmDefinition;
import java.util.List;
import java.util.Locale;

/** Builds a libvirt domain definition from a VM definition and what the host can run. */
public final class DomainXmlBuilder {
  static final String OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd";
  static final String OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd";

  private DomainXmlBuilder() {}

  /**
   * The UUID a VM's domain gets: derived from the VM id, so redefining it (start after an
   * inventory change, or after the domain was lost) updates the same domain instead of clashing.
   */
  public static String uuid(String vmId) {
    return java.util.UUID.nameUUIDFromBytes(("vireo-vm:" + vmId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  public static String build(VmDefinition vm, HostCapabilities host) {
    return build(vm, host, uuid(vm.vmId()), DomainDevices.NONE);
  }

  public static String build(VmDefinition vm, HostCapabilities host, String uuid) {
    return build(vm, host, uuid, DomainDevices.NONE);
  }

  /**
   * The name of a NIC's tap device on the node: {@code vm} and the MAC's 12 hex digits (14
   * characters, within the 15 of a Linux interface name). MACs are unique, so the name is unique
   * per node, stable across redefines and the same on a migration destination; it avoids the
   * {@code vnet} prefix libvirt keeps for names it picks itself.
   */
  public static String tapName(String mac) {
    return "vm" + mac.replace(":", "").toLowerCase(Locale.ROOT);
  }

  private static final java.util.regex.Pattern MAC_ELEMENT =
      java.util.regex.Pattern.compile("<mac address=['\"]([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})['\"]");

  /**
   * The NIC MACs (lower case, in order) of a domain XML as libvirt returns it, e.g. to remove the
   * NIC filters of a domain that leaves the node.
   */
  public static List<String> nicMacs(String domainXml) {
    List<String> macs = new java.util.ArrayList<>();
    java.util.regex.Matcher m = MAC_ELEMENT.matcher(domainXml);
    while (m.find()) {
      macs.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return macs;
  }

  /**
   * {@code uuid}: the domain's UUID; an existing domain keeps the one it has. {@code devices}: the
   * bridge of each NIC on this node and the seed image (ADR 0015).
   */
  public static String build(VmDefinition vm, HostCapabilities host, String uuid, DomainDevices devices) {
    return build(vm, host, uuid, devices, CpuModels.UNKNOWN);
  }

  /** {@code cpus}: the CPU modes this host offers; the VM's {@code cpuMode} picks one (see {@link CpuModels}). */
  public static String build(VmDefinition vm, HostCapabilities host, String uuid, DomainDevices devices,
      CpuModels cpus) {
    List<NicDefinition> nics = vm.nics() == null ? List.of() : vm.nics();
    if (nics.size() != devices.nicBridges().size()) {
      throw new IllegalArgumentException(nics.size() + " NICs but " + devices.nicBridges().size() + " bridges");
    }
    boolean uefi = "UEFI".equalsIgnoreCase(vm.bootMode());
    StringBuilder x = new StringBuilder(2048);
    x.append("<domain type='").append(host.domainType()).append("'>\n")
        .append("  <name>").append(esc(vm.domainName())).append("</name>\n")
        .append("  <uuid>").append(esc(uuid)).append("</uuid>\n")
        .append("  <title>").append(esc(vm.title())).append("</title>\n")
        .append("  <metadata><vireo:vm xmlns:vireo='https://vireo.dev/xmlns/vm/1' id='")
        .append(esc(vm.vmId())).append("'/></metadata>\n")
        .append("  <memory unit='MiB'>").append(vm.memoryMiB()).append("</memory>\n")
        .append(vcpu(vm))
        .append("  <os>\n")
        .append("    <type arch='").append(esc(host.arch())).append("' machine='")
        .append(uefi ? "q35" : "pc").append("'>hvm</type>\n");
    if (uefi) {
      x.append("    <loader readonly='yes' type='pflash'>").append(OVMF_CODE).append("</loader>\n")
          .append("    <nvram template='").append(OVMF_VARS).append("'>").append(esc(vm.nvramPath()))
          .append("</nvram>\n");
    }
    boolean cdrom = vm.cdromPath() != null;
    if (!cdrom) {
      x.append("    <boot dev='hd'/>\n");
    }
    x.append("  </os>\n")
        .append("  <features><acpi/><apic/></features>\n")
        .append(cpus.element(vm.cpuMode()))
        .append("  <clock offset='utc'/>\n")
        .append("  <on_poweroff>destroy</on_poweroff>\n")
        .append("  <on_reboot>restart</on_reboot>\n")
        .append("  <on_crash>destroy</on_crash>\n")
        .append("  <devices>\n")
        .append("    <disk type='file' device='disk'>\n")
        .append("      <driver name='qemu' type='qcow2' cache='none' discard='unmap'/>\n")
        .append("      <source file='").append(esc(vm.systemDiskPath())).append("'/>\n")
        .append("      <target dev='vda' bus='virtio'/>\n")
        .append(cdrom ? "      <boot order='1'/>\n" : "")
        .append("    </disk>\n");
    if (cdrom) {
      x.append(cdrom(vm.cdromPath()));
    }
    if (devices.seedImagePath() != null) {
      // NoCloud seed: virtio-blk, which the test guest's cloud kernel has on BIOS and UEFI alike (no AHCI).
      x.append("    <disk type='file' device='disk'>\n")
          .append("      <driver name='qemu' type='raw'/>\n")
          .append("      <source file='").append(esc(devices.seedImagePath())).append("'/>\n")
          .append("      <target dev='vdb' bus='virtio'/>\n")
          .append("      <readonly/>\n")
          .append("    </disk>\n");
    }
    for (DataDiskDefinition d : vm.dataDisks() == null ? List.<DataDiskDefinition>of() : vm.dataDisks()) {
      x.append(dataDisk(d));
    }
    for (int i = 0; i < nics.size(); i++) {
      NicDefinition n = nics.get(i);
      if (n.mac() == null || !n.mac().matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}")) {
        throw new IllegalArgumentException("NIC " + i + " has no valid MAC: " + n.mac());
      }
      String mac = n.mac().toLowerCase(Locale.ROOT);
      x.append("    <interface type='bridge'>\n")
          .append("      <mac address='").append(mac).append("'/>\n")
          .append("      <source bridge='").append(esc(devices.nicBridges().get(i))).append("'/>\n")
          .append("      <virtualport type='openvswitch'/>\n");
      if (n.vlanId() != null) {
        x.append("      <vlan><tag id='").append(n.vlanId().intValue()).append("'/></vlan>\n");
      }
      x.append("      <model type='virtio'/>\n");
      if (devices.softwareChecksums()) {
        // No checksum or segmentation offload between guest and tap: the userspace datapath would
        // forward unfinished checksums (TCP through it failed: SYN-ACKs dropped as corrupt).
        x.append("      <driver>\n")
            .append("        <host csum='off' gso='off' tso4='off' tso6='off' ecn='off' ufo='off'/>\n")
            .append("        <guest csum='off' tso4='off' tso6='off' ecn='off' ufo='off'/>\n")
            .append("      </driver>\n");
      }
      x.append("      <target dev='").append(tapName(mac)).append("'/>\n")
          .append("    </interface>\n");
    }
    x.append("    <serial type='pty'>\n")
        .append("      <log file='").append(esc(vm.serialLogPath())).append("' append='on'/>\n")
        .append("      <target port='0'/>\n")
        .append("    </serial>\n")
        .append("    <console type='pty'><target type='serial' port='0'/></console>\n")
        .append("    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>\n")
        .append("    <input type='tablet' bus='usb'/>\n")
        .append(graphics("vnc", vm))
        // SPICE as well (ADR 0031): same listen address, a password until the first ticket sets one
        .append(graphics("spice", vm))
        .append("    <video><model type='vga'/></video>\n")
        .append("    <memballoon model='virtio'/>\n");
    // devices (ADR 0027): GPUs by PCI passthrough, every function of their IOMMU groups
    for (String address : vm.pciPassthrough()) {
      x.append(HostDeviceXml.pci(address));
    }
    for (var usb : vm.usbDevices()) {
      x.append(HostDeviceXml.usb(usb));
    }
    if (uefi) {
      // Root ports: q35 hot-plugs disks and NICs only into free pcie-root-ports, and libvirt gives
      // the defined devices the explicit ports first (measured: with 4 explicit ports a UEFI domain
      // had none left for a hot-plug). So there are ports for the fixed devices, every NIC, the
      // architecture's maximum of data disks (ADR 0021) and a few spares. Indices are explicit: a
      // controller without one would claim index 0, which on q35 is the pcie-root.
      x.append("    <controller type='pci' index='0' model='pcie-root'/>\n");
      for (int i = 1; i <= rootPorts(nics.size()); i++) {
        x.append("    <controller type='pci' index='").append(i).append("' model='pcie-root-port'/>\n");
      }
    } else {
      // i440fx has 32 slots, about 8 of them taken by fixed devices: a PCI bridge gives the 25 data
      // disks of an x86 VM (ADR 0021) and NICs room to be hot-plugged (measured: without it the
      // 25th disk of a VM with one NIC got "No more available PCI slots").
      x.append("    <controller type='pci' index='1' model='pci-bridge'/>\n");
    }
    x.append("  </devices>\n</domain>\n");
    return x.toString();
  }

  /**
   * A data disk's device (ADR 0021): thin qcow2, virtio, the disk id as serial so the guest finds
   * it by id. Used in the definition and, alone, for hot-plug and hot-unplug.
   */
  public static String dataDisk(DataDiskDefinition d) {
    if (d.target() == null || !d.target().matches("vd[c-z]|vd[a-z][a-z]")) {
      throw new IllegalArgumentException("data disk target must be vdc..vdz or vdaa..vdzz, got " + d.target());
    }
    return "    <disk type='file' device='disk'>\n"
        + "      <driver name='qemu' type='qcow2' cache='none' discard='unmap'/>\n"
        + "      <source file='" + esc(d.path()) + "'/>\n"
        + "      <target dev='" + d.target() + "' bus='virtio'/>\n"
        + "      <serial>" + esc(d.diskId()) + "</serial>\n"
        + iotune(d.qos())
        + "    </disk>\n";
  }

  /** libvirt's {@code <iotune>} for the disk's limits (ADR 0025); nothing when unlimited. */
  static String iotune(dev.vireo.agent.protocol.DiskQos q) {
    if (q == null || q.unlimited()) {
      return "";
    }
    StringBuilder x = new StringBuilder("      <iotune>\n");
    if (q.readMBps() > 0) {
      x.append("        <read_bytes_sec>").append(q.readMBps() * 1_000_000L).append("</read_bytes_sec>\n");
    }
    if (q.writeMBps() > 0) {
      x.append("        <write_bytes_sec>").append(q.writeMBps() * 1_000_000L).append("</write_bytes_sec>\n");
    }
    if (q.readIops() > 0) {
      x.append("        <read_iops_sec>").append(q.readIops()).append("</read_iops_sec>\n");
    }
    if (q.writeIops() > 0) {
      x.append("        <write_iops_sec>").append(q.writeIops()).append("</write_iops_sec>\n");
    }
    return x.append("      </iotune>\n").toString();
  }

  /**
   * ISO install (ADR 0029): the ISO in a CD-ROM on virtio-scsi (SeaBIOS and OVMF boot from it, and
   * a virtio guest kernel sees it without AHCI or IDE drivers), booted after the system disk, so a
   * blank disk falls through to the installer and an installed one boots itself.
   */
  static String cdrom(String isoPath) {
    return "    <controller type='scsi' index='0' model='virtio-scsi'/>\n"
        + "    <disk type='file' device='cdrom'>\n"
        + "      <driver name='qemu' type='raw'/>\n"
        + "      <source file='" + esc(isoPath) + "'/>\n"
        + "      <target dev='sda' bus='scsi'/>\n"
        + "      <readonly/>\n"
        + "      <boot order='2'/>\n"
        + "    </disk>\n";
  }

  /** A password-protected display of {@code type} (vnc, spice) on the VM's display listen address. */
  private static String graphics(String type, VmDefinition vm) {
    return "    <graphics type='" + type + "' autoport='yes' listen='" + esc(vm.vncListen()) + "' passwd='"
        + esc(vm.vncPassword()) + "'>\n"
        + "      <listen type='address' address='" + esc(vm.vncListen()) + "'/>\n"
        + "    </graphics>\n";
  }

  /** The listen address of the domain's {@code type} (vnc, spice) display (127.0.0.1 when none is named). */
  static String graphicsListen(String domainXml, String type) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<graphics type='" + type
            + "'[^>]*listen='([^']*)'").matcher(domainXml);
    return m.find() ? m.group(1) : "127.0.0.1";
  }

  /** An ejected CD-ROM drive: the same device without a medium. */
  static String emptyCdrom() {
    return "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='sda' bus='scsi'/>"
        + "<readonly/></disk>";
  }

  /** Fixed devices on q35 root ports: system disk, seed, virtio-serial, balloon, USB, and margin. */
  static final int FIXED_PCIE_DEVICES = 8;
  /** Data disks an x86 VM may have (white paper 4.5.2). */
  static final int MAX_DATA_DISKS = 25;
  /** Root ports kept free for other hot-plugs (NICs). */
  static final int SPARE_ROOT_PORTS = 4;

  static int rootPorts(int nics) {
    return FIXED_PCIE_DEVICES + nics + MAX_DATA_DISKS + SPARE_ROOT_PORTS;
  }

  /**
   * {@code vcpus} online at boot out of {@code maxVcpus}: the rest are hot-added by a resize of the
   * running VM ({@code virsh setvcpus --live --config}).
   */
  static String vcpu(VmDefinition vm) {
    int max = vm.vcpuMaximum();
    return max > vm.vcpus()
        ? "  <vcpu placement='static' current='" + vm.vcpus() + "'>" + max + "</vcpu>\n"
        : "  <vcpu placement='static'>" + vm.vcpus() + "</vcpu>\n";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '\'' -> b.append("&apos;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
