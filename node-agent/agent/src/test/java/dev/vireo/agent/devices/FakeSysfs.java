package dev.vireo.agent.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a small sysfs and /proc tree in a directory: one of each kind of device the reader knows. */
final class FakeSysfs {
  final Path sys;
  final Path proc;

  FakeSysfs(Path root) throws IOException {
    sys = root.resolve("sys");
    proc = root.resolve("proc");
    // a physical NIC with a driver and a known speed, a bridge (virtual), loopback (left out)
    Path eth = sys.resolve("class/net/eth0");
    write(eth.resolve("address"), "52:54:00:12:34:56\n");
    write(eth.resolve("operstate"), "up\n");
    write(eth.resolve("flags"), "0x1003\n");
    write(eth.resolve("speed"), "10000\n");
    write(eth.resolve("mtu"), "1500\n");
    Files.createDirectories(sys.resolve("bus/pci/drivers/ixgbe"));
    Files.createDirectories(eth.resolve("device"));
    Files.createSymbolicLink(eth.resolve("device/driver"), Path.of("../../../bus/pci/drivers/ixgbe"));
    Path br = sys.resolve("class/net/br0");
    write(br.resolve("address"), "aa:bb:cc:dd:ee:ff\n");
    write(br.resolve("operstate"), "down\n");
    write(br.resolve("flags"), "0x1002\n");
    write(br.resolve("mtu"), "9000\n");
    Path tap = sys.resolve("class/net/tap0");
    write(tap.resolve("address"), "fe:54:00:00:00:01\n");
    write(tap.resolve("operstate"), "unknown\n");
    write(tap.resolve("flags"), "0x1003\n");
    write(tap.resolve("mtu"), "1500\n");
    write(sys.resolve("class/net/lo/address"), "00:00:00:00:00:00\n");

    // a spinning disk with two partitions, one mounted at a path with a space; an unbound loop device
    Path sda = sys.resolve("block/sda");
    write(sda.resolve("size"), "1953525168\n");
    write(sda.resolve("ro"), "0\n");
    write(sda.resolve("queue/rotational"), "1\n");
    write(sda.resolve("device/model"), "WDC WD10EZEX    \n");
    write(sda.resolve("sda1/partition"), "1\n");
    write(sda.resolve("sda1/size"), "2048\n");
    write(sda.resolve("sda1/ro"), "0\n");
    write(sda.resolve("sda2/partition"), "2\n");
    write(sda.resolve("sda2/size"), "4096\n");
    write(sda.resolve("sda2/ro"), "1\n");
    Path loop = sys.resolve("block/loop0");
    write(loop.resolve("size"), "0\n");
    write(proc.resolve("mounts"), "sysfs /sys sysfs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
        + "/dev/sda2 /srv/my\\040data xfs ro 0 0\n");

    // a USB stick behind a hub port, its interface and the root hub (both left out)
    Path usb = sys.resolve("bus/usb/devices/1-1.2");
    write(usb.resolve("busnum"), "1\n");
    write(usb.resolve("devnum"), "5\n");
    write(usb.resolve("idVendor"), "0781\n");
    write(usb.resolve("idProduct"), "5581\n");
    write(usb.resolve("manufacturer"), "SanDisk\n");
    write(usb.resolve("product"), "Ultra\n");
    write(usb.resolve("serial"), "4C530001\n");
    write(usb.resolve("speed"), "480\n");
    write(usb.resolve("version"), " 2.10\n");
    write(sys.resolve("bus/usb/devices/1-1.2:1.0/bInterfaceClass"), "08\n");
    write(sys.resolve("bus/usb/devices/usb1/idVendor"), "1d6b\n");

    // a GPU with its driver, and a network controller (not a display: left out)
    Path gpu = sys.resolve("bus/pci/devices/0000:65:00.0");
    write(gpu.resolve("class"), "0x030200\n");
    write(gpu.resolve("vendor"), "0x10DE\n");
    write(gpu.resolve("device"), "0x20b5\n");
    Files.createDirectories(sys.resolve("bus/pci/drivers/vfio-pci"));
    Files.createSymbolicLink(gpu.resolve("driver"), Path.of("../../../../bus/pci/drivers/vfio-pci"));
    write(sys.resolve("bus/pci/devices/0000:03:00.0/class"), "0x020000\n");

    // an NVIDIA GPU with its HDMI audio function, both in IOMMU group 42 (ADR 0027)
    Path nv = sys.resolve("bus/pci/devices/0000:b1:00.0");
    write(nv.resolve("class"), "0x030000\n");
    write(nv.resolve("vendor"), "0x10de\n");
    write(nv.resolve("device"), "0x2204\n");
    Path nvAudio = sys.resolve("bus/pci/devices/0000:b1:00.1");
    write(nvAudio.resolve("class"), "0x040300\n");
    write(nvAudio.resolve("vendor"), "0x10de\n");
    write(nvAudio.resolve("device"), "0x1aef\n");
    Files.createDirectories(sys.resolve("bus/pci/drivers/nvidia"));
    Files.createSymbolicLink(nv.resolve("driver"), Path.of("../../../../bus/pci/drivers/nvidia"));
    Path group = sys.resolve("kernel/iommu_groups/42/devices");
    Files.createDirectories(group);
    Files.createSymbolicLink(nv.resolve("iommu_group"), Path.of("../../../../kernel/iommu_groups/42"));
    Files.createSymbolicLink(nvAudio.resolve("iommu_group"), Path.of("../../../../kernel/iommu_groups/42"));
    Files.createSymbolicLink(group.resolve("0000:b1:00.0"), Path.of("../../../../bus/pci/devices/0000:b1:00.0"));
    Files.createSymbolicLink(group.resolve("0000:b1:00.1"), Path.of("../../../../bus/pci/devices/0000:b1:00.1"));
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
