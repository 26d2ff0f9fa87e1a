package dev.vireo.agent.devices;

import dev.vireo.agent.protocol.HostBlockDevice;
import dev.vireo.agent.protocol.HostDevicesReply;
import dev.vireo.agent.protocol.HostNetworkInterface;
import dev.vireo.agent.protocol.HostPciDevice;
import dev.vireo.agent.protocol.HostUsbDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node's host devices as sysfs and /proc show them now: network interfaces, block devices,
 * USB devices and PCI display controllers. The roots are parameters so a test can point the
 * reader at a tree it built.
 */
public final class HostDevicesReader {
  private static final long SECTOR = 512;
  private static final int IFF_UP = 0x1;

  private final Path sys;
  private final Path proc;
  private final Clock clock;

  public HostDevicesReader(Path sysRoot, Path procRoot, Clock clock) {
    this.sys = sysRoot;
    this.proc = procRoot;
    this.clock = clock;
  }

  /** This machine's {@code /sys} and {@code /proc}. */
  public static HostDevicesReader ofThisHost() {
    return new HostDevicesReader(Path.of("/sys"), Path.of("/proc"), Clock.systemUTC());
  }

  public HostDevicesReply read() {
    return new HostDevicesReply(clock.instant(), networkInterfaces(), blockDevices(), usbDevices(), pciDevices());
  }

  /** Every interface but loopback; one without a {@code device} link is virtual (bridge, veth, tap, OVS port). */
  List<HostNetworkInterface> networkInterfaces() {
    List<HostNetworkInterface> all = new ArrayList<>();
    for (Path dir : SysFiles.entries(sys.resolve("class/net"))) {
      String name = dir.getFileName().toString();
      if (name.equals("lo")) {
        continue;
      }
      Long speed = SysFiles.number(dir.resolve("speed"));
      Long mtu = SysFiles.number(dir.resolve("mtu"));
      all.add(new HostNetworkInterface(name, SysFiles.text(dir.resolve("address")), linkState(dir),
          speed == null || speed <= 0 ? null : speed.intValue(), mtu == null ? null : mtu.intValue(),
          SysFiles.linkName(dir.resolve("device/driver")), !Files.exists(dir.resolve("device"))));
    }
    return all;
  }

  /** "up" or "down"; drivers that do not track the link (tun, some virtual ones) say "unknown": then the admin flag decides. */
  private static String linkState(Path dir) {
    String oper = SysFiles.text(dir.resolve("operstate"));
    if ("up".equals(oper)) {
      return "up";
    }
    Long flags = SysFiles.number(dir.resolve("flags"));
    return ("unknown".equals(oper) || oper == null) && flags != null && (flags & IFF_UP) != 0 ? "up" : "down";
  }

  /**
   * Disks and their partitions, as {@code lsblk} lists them: loop devices without a backing file
   * and RAM disks are left out (they hold nothing).
   */
  List<HostBlockDevice> blockDevices() {
    Map<String, List<String>> mounts = MountTable.read(proc.resolve("mounts"));
    List<HostBlockDevice> all = new ArrayList<>();
    for (Path dir : SysFiles.entries(sys.resolve("block"))) {
      String name = dir.getFileName().toString();
      if (name.matches("ram\\d+") || (name.startsWith("loop") && !Files.exists(dir.resolve("loop/backing_file")))) {
        continue;
      }
      boolean rotational = "1".equals(SysFiles.text(dir.resolve("queue/rotational")));
      all.add(block(dir, name, "disk", rotational, SysFiles.text(dir.resolve("device/model")), mounts));
      for (Path part : SysFiles.entries(dir)) {
        if (Files.exists(part.resolve("partition"))) {
          all.add(block(part, part.getFileName().toString(), "partition", rotational, null, mounts));
        }
      }
    }
    return all;
  }

  private static HostBlockDevice block(Path dir, String name, String type, boolean rotational, String model,
      Map<String, List<String>> mounts) {
    Long sectors = SysFiles.number(dir.resolve("size"));
    return new HostBlockDevice(name, type, sectors == null ? 0 : sectors * SECTOR, rotational,
        "1".equals(SysFiles.text(dir.resolve("ro"))), model, mounts.getOrDefault(name, List.of()));
  }

  /** USB devices by bus-port id ({@code 1-1.2}); root hubs ({@code usb1}) and interfaces ({@code 1-1:1.0}) are not devices one attaches. */
  List<HostUsbDevice> usbDevices() {
    List<HostUsbDevice> all = new ArrayList<>();
    for (Path dir : SysFiles.entries(sys.resolve("bus/usb/devices"))) {
      String id = dir.getFileName().toString();
      if (id.contains(":") || id.startsWith("usb") || SysFiles.text(dir.resolve("idVendor")) == null) {
        continue;
      }
      Long bus = SysFiles.number(dir.resolve("busnum"));
      Long dev = SysFiles.number(dir.resolve("devnum"));
      all.add(new HostUsbDevice(id, bus == null ? 0 : bus.intValue(), dev == null ? 0 : dev.intValue(),
          SysFiles.hexId(SysFiles.text(dir.resolve("idVendor"))), SysFiles.hexId(SysFiles.text(dir.resolve("idProduct"))),
          SysFiles.text(dir.resolve("manufacturer")), SysFiles.text(dir.resolve("product")),
          SysFiles.text(dir.resolve("serial")), SysFiles.text(dir.resolve("speed")),
          SysFiles.text(dir.resolve("version"))));
    }
    return all;
  }

  /** PCI functions of base class 0x03 (display controllers: VGA, 3D, other). */
  List<HostPciDevice> pciDevices() {
    List<HostPciDevice> all = new ArrayList<>();
    for (Path dir : SysFiles.entries(sys.resolve("bus/pci/devices"))) {
      String cls = SysFiles.hexId(SysFiles.text(dir.resolve("class")));
      if (cls == null || !cls.startsWith("03")) {
        continue;
      }
      String address = dir.getFileName().toString();
      Integer group = iommuGroup(dir);
      all.add(new HostPciDevice(address, SysFiles.hexId(SysFiles.text(dir.resolve("vendor"))),
          SysFiles.hexId(SysFiles.text(dir.resolve("device"))), cls, SysFiles.linkName(dir.resolve("driver")),
          group, group == null ? List.of() : groupFunctions(group, address)));
    }
    return all;
  }

  /** The number of the IOMMU group the {@code iommu_group} link names; null without an IOMMU. */
  private static Integer iommuGroup(Path dir) {
    String name = SysFiles.linkName(dir.resolve("iommu_group"));
    if (name == null || !name.matches("\\d+")) {
      return null;
    }
    return Integer.valueOf(name);
  }

  /** The other PCI functions of the group ({@code /sys/kernel/iommu_groups/N/devices}), by address. */
  private List<String> groupFunctions(int group, String self) {
    List<String> others = new ArrayList<>();
    for (Path member : SysFiles.entries(sys.resolve("kernel/iommu_groups/" + group + "/devices"))) {
      String address = member.getFileName().toString();
      if (!address.equals(self)) {
        others.add(address);
      }
    }
    return others;
  }
}
