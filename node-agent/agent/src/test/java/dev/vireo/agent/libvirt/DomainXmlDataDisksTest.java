package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.VmDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Data disks in the domain XML (ADR 0021) and read back out of it. */
class DomainXmlDataDisksTest {
  private static final HostCapabilities TCG = HostCapabilities.parse(Capabilities.of("x86_64", "qemu"));
  private static final String DIR = "/var/lib/vireo/storage/vms/vm-1";
  private static final DataDiskDefinition VDC = new DataDiskDefinition("disk-0123456789ab",
      "/mnt/nfs/disks/disk-0123456789ab.qcow2", "vdc");
  private static final DataDiskDefinition VDAA = new DataDiskDefinition("disk-ba9876543210",
      "/mnt/nfs/disks/disk-ba9876543210.qcow2", "vdaa");

  private static VmDefinition vm(List<DataDiskDefinition> disks) {
    return new VmDefinition("vm-1", "vm-1", "web", 1, 256, DIR + "/system.qcow2", "BIOS", DIR + "/nvram.fd",
        DIR + "/console.log", "127.0.0.1", "secret12", List.of(), null, disks);
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String at(Document d, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, d);
  }

  @Test
  void everyDataDiskIsAThinVirtioQcow2WithItsIdAsSerial() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm(List.of(VDC, VDAA)), TCG));
    String disk = "/domain/devices/disk[target/@dev='vdc']";
    assertEquals(VDC.path(), at(d, disk + "/source/@file"));
    assertEquals("virtio", at(d, disk + "/target/@bus"));
    assertEquals("qcow2", at(d, disk + "/driver/@type"));
    assertEquals("disk-0123456789ab", at(d, disk + "/serial"));
    assertEquals(VDAA.path(), at(d, "/domain/devices/disk[target/@dev='vdaa']/source/@file"));
    assertEquals(3.0, (Double) XPathFactory.newInstance().newXPath().evaluate("count(/domain/devices/disk)", d,
        XPathConstants.NUMBER), "system disk and two data disks");
  }

  @Test
  void leavesRoomToHotPlugTheMaximumOfDataDisks() throws Exception {
    // i440fx: a PCI bridge beside the 32 slots of bus 0
    Document bios = parse(DomainXmlBuilder.build(vm(List.of()), TCG));
    assertEquals("pci-bridge", at(bios, "/domain/devices/controller[@type='pci' and @index='1']/@model"));
    // q35: root ports for the fixed devices, the NICs, 25 data disks and spares
    VmDefinition uefi = new VmDefinition("vm-1", "vm-1", "web", 1, 256, DIR + "/system.qcow2", "UEFI",
        DIR + "/nvram.fd", DIR + "/console.log", "127.0.0.1", "secret12", List.of(), null, List.of());
    Document q35 = parse(DomainXmlBuilder.build(uefi, TCG));
    assertEquals(8.0 + 25 + 4, (Double) XPathFactory.newInstance().newXPath().evaluate(
        "count(/domain/devices/controller[@model='pcie-root-port'])", q35, XPathConstants.NUMBER));
  }

  @Test
  void aDefinitionWithoutDataDisksHasOnlyTheSystemDisk() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm(null), TCG));
    assertEquals(1.0, (Double) XPathFactory.newInstance().newXPath().evaluate("count(/domain/devices/disk)", d,
        XPathConstants.NUMBER));
  }

  @Test
  void readsBackTheDataDisksButNotTheSystemDiskOrTheReadOnlySeed() {
    String xml = DomainXmlBuilder.build(vm(List.of(VDC)), TCG, DomainXmlBuilder.uuid("vm-1"),
        new dev.vireo.agent.command.Hypervisor.DomainDevices(List.of(), DIR + "/seed.img"));
    assertEquals(Map.of("vdc", VDC.path()), DomainDisks.dataDisks(xml));
  }

  @Test
  void refusesATargetOutsideTheDataDiskRange() {
    assertThrows(IllegalArgumentException.class, () -> DomainXmlBuilder.dataDisk(
        new DataDiskDefinition("disk-0123456789ab", "/mnt/nfs/disks/disk-0123456789ab.qcow2", "vda")));
  }
}
