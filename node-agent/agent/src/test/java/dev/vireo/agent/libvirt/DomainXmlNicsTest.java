package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.Hypervisor.DomainDevices;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.agent.protocol.VmDefinition;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** NICs on Open vSwitch bridges and the seed disk in the domain XML (ADR 0015). */
class DomainXmlNicsTest {
  private static final HostCapabilities TCG = HostCapabilities.parse(Capabilities.of("x86_64", "qemu"));
  private static final String DIR = "/var/lib/vireo/storage/vms/vm-1";

  private static VmDefinition vm(List<NicDefinition> nics) {
    return new VmDefinition("vm-1", "vm-1", "web", 1, 256, DIR + "/system.qcow2", "BIOS", DIR + "/nvram.fd",
        DIR + "/console.log", "127.0.0.1", "pw", nics, null);
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static String at(Document d, String path) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(path, d);
  }

  @Test
  void theNicMacsAreReadBackFromTheDomainXml() {
    List<NicDefinition> nics = List.of(
        new NicDefinition("52:54:00:AA:00:01", "net-a", "trunk0", 100),
        new NicDefinition("52:54:00:aa:00:02", "net-b", "eth1", null));
    String xml = DomainXmlBuilder.build(vm(nics), TCG, "u", new DomainDevices(List.of("br-lab", "br-eth1"), null));
    assertEquals(List.of("52:54:00:aa:00:01", "52:54:00:aa:00:02"), DomainXmlBuilder.nicMacs(xml));
    assertEquals(List.of("52:54:00:aa:00:03"), DomainXmlBuilder.nicMacs(
        "<domain><devices><interface type=\"bridge\"><mac address=\"52:54:00:AA:00:03\"/></interface></devices></domain>"));
    assertEquals(List.of(), DomainXmlBuilder.nicMacs(xml.replaceAll("<interface[\\s\\S]*</interface>", "")));
  }

  @Test
  void nicsInOrderOnTheirBridgesWithAndWithoutVlan() throws Exception {
    List<NicDefinition> nics = List.of(
        new NicDefinition("52:54:00:AA:00:01", "net-a", "trunk0", 100),
        new NicDefinition("52:54:00:aa:00:02", "net-b", "eth1", null));
    Document d = parse(DomainXmlBuilder.build(vm(nics), TCG, "u", new DomainDevices(List.of("br-lab", "br-eth1"), null)));

    XPath x = XPathFactory.newInstance().newXPath();
    assertEquals(2, ((NodeList) x.evaluate("/domain/devices/interface", d, XPathConstants.NODESET)).getLength());
    assertEquals("bridge", at(d, "/domain/devices/interface[1]/@type"));
    assertEquals("52:54:00:aa:00:01", at(d, "/domain/devices/interface[1]/mac/@address"), "MAC lower-cased");
    assertEquals("br-lab", at(d, "/domain/devices/interface[1]/source/@bridge"));
    assertEquals("openvswitch", at(d, "/domain/devices/interface[1]/virtualport/@type"));
    assertEquals("100", at(d, "/domain/devices/interface[1]/vlan/tag/@id"));
    assertEquals("virtio", at(d, "/domain/devices/interface[1]/model/@type"));
    assertEquals("vm525400aa0001", at(d, "/domain/devices/interface[1]/target/@dev"));

    assertEquals("52:54:00:aa:00:02", at(d, "/domain/devices/interface[2]/mac/@address"));
    assertEquals("br-eth1", at(d, "/domain/devices/interface[2]/source/@bridge"));
    assertEquals("0", at(d, "count(/domain/devices/interface[2]/vlan)"), "untagged NIC has no <vlan>");
    assertEquals("vm525400aa0002", at(d, "/domain/devices/interface[2]/target/@dev"));
    assertEquals("0", at(d, "count(/domain/devices/disk[target/@dev='vdb'])"), "no seed, no vdb");
  }

  @Test
  void tapNamesFitALinuxInterfaceNameAndAreDistinctPerMac() {
    String a = DomainXmlBuilder.tapName("52:54:00:aa:00:01");
    assertTrue(a.length() <= 15, a);
    assertTrue(!a.startsWith("vnet"), "libvirt keeps vnet* for its own names");
    assertTrue(!a.equals(DomainXmlBuilder.tapName("52:54:00:aa:00:02")));
  }

  @Test
  void bridgeNamesAreEscaped() throws Exception {
    List<NicDefinition> nics = List.of(new NicDefinition("52:54:00:aa:00:01", "n", "u", null));
    String xml = DomainXmlBuilder.build(vm(nics), TCG, "u", new DomainDevices(List.of("b'<&>"), null));
    assertEquals("b'<&>", at(parse(xml), "/domain/devices/interface/source/@bridge"));
  }

  @Test
  void seedIsAReadOnlyVirtioDiskVdb() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm(List.of()), TCG, "u", new DomainDevices(List.of(), DIR + "/seed.img")));
    assertEquals(DIR + "/seed.img", at(d, "/domain/devices/disk[target/@dev='vdb']/source/@file"));
    assertEquals("virtio", at(d, "/domain/devices/disk[target/@dev='vdb']/target/@bus"));
    assertEquals("raw", at(d, "/domain/devices/disk[target/@dev='vdb']/driver/@type"));
    assertEquals("1", at(d, "count(/domain/devices/disk[target/@dev='vdb']/readonly)"));
    assertEquals("vda", at(d, "/domain/devices/disk[1]/target/@dev"), "the system disk stays first");
  }

  @Test
  void aBridgeForEveryNicIsRequired() {
    List<NicDefinition> nics = List.of(new NicDefinition("52:54:00:aa:00:01", "n", "u", null));
    assertThrows(IllegalArgumentException.class, () -> DomainXmlBuilder.build(vm(nics), TCG, "u", DomainDevices.NONE));
  }
}
