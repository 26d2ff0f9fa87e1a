package dev.vireo.agent.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vireo.agent.protocol.HostBlockDevice;
import dev.vireo.agent.protocol.HostDevicesReply;
import dev.vireo.agent.protocol.HostNetworkInterface;
import dev.vireo.agent.protocol.HostPciDevice;
import dev.vireo.agent.protocol.HostUsbDevice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDevicesReaderTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @TempDir
  Path root;
  HostDevicesReply reply;

  @BeforeEach
  void read() throws Exception {
    FakeSysfs fs = new FakeSysfs(root);
    reply = new HostDevicesReader(fs.sys, fs.proc, Clock.fixed(NOW, ZoneOffset.UTC)).read();
  }

  @Test
  void listsNetworkInterfacesButLoopbackAndMarksThoseWithoutADeviceVirtual() {
    assertEquals(NOW, reply.observedAt());
    assertEquals(List.of(
        new HostNetworkInterface("br0", "aa:bb:cc:dd:ee:ff", "down", null, 9000, null, true),
        new HostNetworkInterface("eth0", "52:54:00:12:34:56", "up", 10000, 1500, "ixgbe", false),
        new HostNetworkInterface("tap0", "fe:54:00:00:00:01", "up", null, 1500, null, true)),
        reply.networkInterfaces());
  }

  @Test
  void listsDisksWithTheirPartitionsAndMountPointsButNotUnboundLoopDevices() {
    assertEquals(List.of(
        new HostBlockDevice("sda", "disk", 1953525168L * 512, true, false, "WDC WD10EZEX", List.of()),
        new HostBlockDevice("sda1", "partition", 2048L * 512, true, false, null, List.of("/")),
        new HostBlockDevice("sda2", "partition", 4096L * 512, true, true, null, List.of("/srv/my data"))),
        reply.blockDevices());
  }

  @Test
  void listsUsbDevicesButNotRootHubsOrInterfaces() {
    assertEquals(List.of(new HostUsbDevice("1-1.2", 1, 5, "0781", "5581", "SanDisk", "Ultra", "4C530001", "480",
        "2.10")), reply.usbDevices());
  }

  @Test
  void listsOnlyDisplayControllersOfThePciBus() {
    assertEquals(List.of(new HostPciDevice("0000:65:00.0", "10de", "20b5", "030200", "vfio-pci"),
        new HostPciDevice("0000:b1:00.0", "10de", "2204", "030000", "nvidia", 42, List.of("0000:b1:00.1"))),
        reply.pciDevices());
  }

  @Test
  void aGpuCarriesItsIommuGroupAndTheOtherFunctionsOfTheGroup() {
    HostPciDevice nv = reply.pciDevices().get(1);
    assertEquals("10de:2204", nv.model());
    assertEquals(42, nv.iommuGroup());
    assertEquals(List.of("0000:b1:00.1"), nv.groupFunctions());
    assertEquals(true, nv.passthroughCapable());
    assertEquals(false, reply.pciDevices().get(0).passthroughCapable());
  }

  @Test
  void aMissingTreeIsNoDevicesNotAnError() {
    HostDevicesReply empty = new HostDevicesReader(root.resolve("nothing"), root.resolve("none"),
        Clock.fixed(NOW, ZoneOffset.UTC)).read();
    assertEquals(List.of(), empty.networkInterfaces());
    assertEquals(List.of(), empty.blockDevices());
    assertEquals(List.of(), empty.usbDevices());
    assertEquals(List.of(), empty.pciDevices());
  }

  @Test
  void unescapesOctalInMountPaths() {
    assertEquals("/a b\tc\\", MountTable.unescape("/a\\040b\\011c\\134"));
    assertNull(SysFiles.text(root.resolve("no-such-file")));
  }
}
