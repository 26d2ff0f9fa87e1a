package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.protocol.HostPciDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden domain XML of GPUs, USB passthrough and USB redirection (ADR 0027); a virsh define where there is libvirt. */
class HostDeviceXmlTest {
  static final HostPciDevice NV_A = new HostPciDevice("0000:b1:00.0", "10de", "2204", "030000", "nvidia", 42,
      List.of("0000:b1:00.1"));
  static final HostPciDevice NV_B = new HostPciDevice("0000:CA:00.0", "10de", "2204", "030000", "nvidia", 43,
      List.of("0000:ca:00.1"));

  @Test
  void twoGpusGiveFourHostdevsEachWithItsAudioFunction() {
    assertEquals(List.of("0000:b1:00.0", "0000:b1:00.1", "0000:CA:00.0", "0000:ca:00.1"),
        HostDeviceXml.pciFunctions(List.of(NV_A, NV_B)));
    assertEquals("""
            <hostdev mode='subsystem' type='pci' managed='yes'>
              <source>
                <address domain='0x0000' bus='0xb1' slot='0x00' function='0x0'/>
              </source>
            </hostdev>
            <hostdev mode='subsystem' type='pci' managed='yes'>
              <source>
                <address domain='0x0000' bus='0xb1' slot='0x00' function='0x1'/>
              </source>
            </hostdev>
            <hostdev mode='subsystem' type='pci' managed='yes'>
              <source>
                <address domain='0x0000' bus='0xca' slot='0x00' function='0x0'/>
              </source>
            </hostdev>
            <hostdev mode='subsystem' type='pci' managed='yes'>
              <source>
                <address domain='0x0000' bus='0xca' slot='0x00' function='0x1'/>
              </source>
            </hostdev>
        """, HostDeviceXml.gpus(List.of(NV_A, NV_B)));
  }

  @Test
  void aGpuVmsDomainCarriesOneManagedHostdevPerFunction() {
    String dir = "/var/lib/vireo/storage/vms/vm-gpu";
    var vm = new dev.vireo.agent.protocol.VmDefinition("vm-gpu", "vm-gpu", "gpu", 4, 8192, dir + "/system.qcow2",
        "UEFI", dir + "/nvram.fd", dir + "/console.log", "127.0.0.1", "pw", List.of(), null, List.of(), null, 0,
        HostDeviceXml.pciFunctions(List.of(NV_A)));
    String xml = DomainXmlBuilder.build(vm, HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm")));
    assertTrue(xml.contains(HostDeviceXml.gpus(List.of(NV_A))), xml);
    assertEquals(2, xml.split("<hostdev mode='subsystem' type='pci' managed='yes'>", -1).length - 1);
    var plain = new dev.vireo.agent.protocol.VmDefinition("vm-gpu", "vm-gpu", "gpu", 4, 8192, dir + "/system.qcow2",
        "UEFI", dir + "/nvram.fd", dir + "/console.log", "127.0.0.1", "pw");
    assertTrue(!DomainXmlBuilder.build(plain, HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm")))
        .contains("<hostdev"));
  }

  @Test
  void usbPassthroughByIdsAndAddress() {
    assertEquals("""
            <hostdev mode='subsystem' type='usb' managed='yes'>
              <source startupPolicy='optional'>
                <vendor id='0x0781'/>
                <product id='0x5581'/>
                <address bus='1' device='5'/>
              </source>
              <alias name='ua-usb-1'/>
            </hostdev>
        """, HostDeviceXml.usbHostdev("ua-usb-1", "0781", "5581", 1, 5));
    assertEquals("""
            <hostdev mode='subsystem' type='usb' managed='yes'>
              <source startupPolicy='optional'>
                <address bus='2' device='3'/>
              </source>
            </hostdev>
        """, HostDeviceXml.usbHostdev(null, null, null, 2, 3));
  }

  @Test
  void usbRedirectionOverTcp() {
    assertEquals("""
            <redirdev bus='usb' type='tcp'>
              <source mode='connect' host='192.0.2.10' service='4000'/>
              <alias name='ua-redir-1'/>
            </redirdev>
        """, HostDeviceXml.usbRedirect("ua-redir-1", "192.0.2.10", 4000));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> HostDeviceXml.pci("b1:00.0"));
    assertThrows(IllegalArgumentException.class, () -> HostDeviceXml.usbHostdev(null, "0781", null, null, 5));
    assertThrows(IllegalArgumentException.class, () -> HostDeviceXml.usbHostdev(null, "zz", "5581", null, null));
    assertThrows(IllegalArgumentException.class, () -> HostDeviceXml.usbRedirect(null, "h", 0));
    assertThrows(IllegalArgumentException.class, () -> HostDeviceXml.usbRedirect("x'y", "h", 1));
  }

  /**
   * libvirt 9.0 checks neither the PCI address nor the USB device at define time: a domain with a
   * nonexistent GPU (0000:b1:00.0) and USB device defines; it fails at start. Needs virsh and a
   * writable qemu:///system; skipped otherwise.
   */
  @Test
  void libvirtDefinesTheProducedXml(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/virsh")), "assumes /usr/bin/virsh (libvirt client) is installed");
    String name = "vireo-hostdev-test-" + ProcessHandle.current().pid();
    Path xml = dir.resolve("d.xml");
    Files.writeString(xml, "<domain type='qemu'>\n  <name>" + name + "</name>\n  <memory unit='MiB'>128</memory>\n"
        + "  <vcpu>1</vcpu>\n  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n  <devices>\n"
        + "    <controller type='usb' model='qemu-xhci'/>\n"
        + HostDeviceXml.gpus(List.of(NV_A)) + HostDeviceXml.usbHostdev("ua-usb-1", "0781", "5581", 1, 5)
        + HostDeviceXml.usbRedirect("ua-redir-1", "192.0.2.10", 4000) + "  </devices>\n</domain>\n");
    int rc = virsh(dir, "define", xml.toString());
    assumeTrue(rc == 0 || !Files.readString(dir.resolve("out")).contains("Failed to connect"),
        "assumes a reachable qemu:///system");
    try {
      assertEquals(0, rc, Files.readString(dir.resolve("out")));
      virsh(dir, "dumpxml", name);
      String defined = Files.readString(dir.resolve("out"));
      assertTrue(defined.contains("bus='0xb1' slot='0x00' function='0x1'"), defined);
      assertTrue(defined.contains("<redirdev bus='usb' type='tcp'>"), defined);
      assertTrue(defined.contains("startupPolicy='optional'"), defined);
    } finally {
      virsh(dir, "undefine", name);
    }
  }

  private static int virsh(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("virsh", "-c", "qemu:///system"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
