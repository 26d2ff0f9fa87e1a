package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.agent.protocol.VmDefinition;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class DomainXmlBuilderTest {
  private static final HostCapabilities KVM = HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm"));
  private static final HostCapabilities TCG = HostCapabilities.parse(Capabilities.of("x86_64", "qemu"));

  private static VmDefinition vm(String bootMode) {
    String dir = "/var/lib/vireo/storage/vms/vm-3f9a1c2b7d10";
    return new VmDefinition("vm-3f9a1c2b7d10", "vm-3f9a1c2b7d10", "web server", 2, 4096, dir + "/system.qcow2",
        bootMode, dir + "/nvram.fd", dir + "/console.log", "127.0.0.1", "s3cr3tpw");
  }

  /** Parses the domain XML: a SAXException here means it is not well-formed. */
  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static String at(Document d, String xpath) throws Exception {
    return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.STRING);
  }

  private static double count(Document d, String xpath) throws Exception {
    return (Double) XPathFactory.newInstance().newXPath().evaluate("count(" + xpath + ")", d, XPathConstants.NUMBER);
  }

  @Test
  void usesKvmWhenTheHostOffersIt() throws Exception {
    assertEquals("kvm", at(parse(DomainXmlBuilder.build(vm("BIOS"), KVM)), "/domain/@type"));
  }

  @Test
  void usesQemuEmulationWhenTheHostHasNoKvm() throws Exception {
    assertEquals("qemu", at(parse(DomainXmlBuilder.build(vm("BIOS"), TCG)), "/domain/@type"));
  }

  @Test
  void describesTheVmsIdentityAndSize() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("BIOS"), KVM));

    assertEquals("vm-3f9a1c2b7d10", at(d, "/domain/name"));
    assertEquals("web server", at(d, "/domain/title"));
    assertEquals("4096", at(d, "/domain/memory"));
    assertEquals("MiB", at(d, "/domain/memory/@unit"));
    assertEquals("2", at(d, "/domain/vcpu"));
    assertEquals("x86_64", at(d, "/domain/os/type/@arch"));
  }

  @Test
  void biosBootsWithoutLoaderOrNvram() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("BIOS"), KVM));

    assertEquals(0, count(d, "/domain/os/loader"));
    assertEquals(0, count(d, "/domain/os/nvram"));
    assertEquals("pc", at(d, "/domain/os/type/@machine"));
  }

  @Test
  void uefiBootsFromOvmfWithThePerVmNvram() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("UEFI"), KVM));

    assertEquals("q35", at(d, "/domain/os/type/@machine"));
    assertEquals(DomainXmlBuilder.OVMF_CODE, at(d, "/domain/os/loader"));
    assertEquals("yes", at(d, "/domain/os/loader/@readonly"));
    assertEquals("pflash", at(d, "/domain/os/loader/@type"));
    assertEquals("/var/lib/vireo/storage/vms/vm-3f9a1c2b7d10/nvram.fd", at(d, "/domain/os/nvram"));
    assertEquals(DomainXmlBuilder.OVMF_VARS, at(d, "/domain/os/nvram/@template"));
    // libvirt refuses a q35 domain whose controller index 0 is anything but the pcie-root
    assertEquals("pcie-root", at(d, "/domain/devices/controller[@type='pci' and @index='0']/@model"));
    // enough free root ports to hot-plug the 25 data disks of ADR 0021 besides the defined devices
    assertEquals(DomainXmlBuilder.rootPorts(0), count(d, "/domain/devices/controller[@model='pcie-root-port' and @index > 0]"));
  }

  @Test
  void attachesTheSystemDiskAsVirtio() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("BIOS"), KVM));

    assertEquals("/var/lib/vireo/storage/vms/vm-3f9a1c2b7d10/system.qcow2",
        at(d, "/domain/devices/disk[@device='disk']/source/@file"));
    assertEquals("qcow2", at(d, "/domain/devices/disk/driver/@type"));
    assertEquals("virtio", at(d, "/domain/devices/disk/target/@bus"));
  }

  @Test
  void logsTheSerialConsoleToTheVmsLogFile() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("BIOS"), KVM));

    assertEquals("/var/lib/vireo/storage/vms/vm-3f9a1c2b7d10/console.log", at(d, "/domain/devices/serial/log/@file"));
  }

  @Test
  void servesVncOnLoopbackWithThePassword() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("UEFI"), KVM));

    assertEquals("vnc", at(d, "/domain/devices/graphics/@type"));
    assertEquals("127.0.0.1", at(d, "/domain/devices/graphics/@listen"));
    assertEquals("127.0.0.1", at(d, "/domain/devices/graphics/listen/@address"));
    assertEquals("s3cr3tpw", at(d, "/domain/devices/graphics/@passwd"));
  }

  @Test
  void servesSpiceOnLoopbackWithThePasswordToo() throws Exception {
    Document d = parse(DomainXmlBuilder.build(vm("BIOS"), KVM));

    assertEquals("127.0.0.1", at(d, "/domain/devices/graphics[@type='spice']/@listen"));
    assertEquals("127.0.0.1", at(d, "/domain/devices/graphics[@type='spice']/listen/@address"));
    assertEquals("s3cr3tpw", at(d, "/domain/devices/graphics[@type='spice']/@passwd"));
    assertEquals("127.0.0.1", DomainXmlBuilder.graphicsListen(DomainXmlBuilder.build(vm("BIOS"), KVM), "spice"));
  }

  @Test
  void escapesWhatTheUserNamed() throws Exception {
    VmDefinition v = vm("BIOS");
    VmDefinition odd = new VmDefinition(v.vmId(), v.domainName(), "<b>Tom & Jerry's \"VM\"</b>", v.vcpus(),
        v.memoryMiB(), v.systemDiskPath(), v.bootMode(), v.nvramPath(), v.serialLogPath(), v.vncListen(), "p'w\"<&");

    Document d = parse(DomainXmlBuilder.build(odd, KVM));

    assertEquals("<b>Tom & Jerry's \"VM\"</b>", at(d, "/domain/title"));
    assertEquals("p'w\"<&", at(d, "/domain/devices/graphics/@passwd"));
  }

  // --- vm operations: vCPU hot-add room and CPU mode ---

  private static VmDefinition withCpu(int vcpus, int maxVcpus, String cpuMode) {
    VmDefinition v = vm("BIOS");
    return new VmDefinition(v.vmId(), v.domainName(), v.title(), vcpus, v.memoryMiB(), v.systemDiskPath(), v.bootMode(),
        v.nvramPath(), v.serialLogPath(), v.vncListen(), v.vncPassword(), v.nics(), v.seed(), cpuMode, maxVcpus);
  }

  @Test
  void definesTheHotUpgradeCeilingWithTheVcpusOnlineAtBoot() throws Exception {
    Document d = parse(DomainXmlBuilder.build(withCpu(2, 4, "CUSTOM"), TCG));
    assertEquals("4", at(d, "/domain/vcpu"));
    assertEquals("2", at(d, "/domain/vcpu/@current"));
  }

  @Test
  void withoutRoomTheVcpuCountIsPlain() throws Exception {
    Document d = parse(DomainXmlBuilder.build(withCpu(2, 0, null), TCG));
    assertEquals("2", at(d, "/domain/vcpu"));
    assertEquals("", at(d, "/domain/vcpu/@current"));
  }

  @Test
  void theCpuModeComesFromTheHostsDomainCapabilities() throws Exception {
    CpuModels tcg = CpuModels.parse(CpuModelsTest.TCG);
    Document custom = parse(DomainXmlBuilder.build(withCpu(1, 2, "CUSTOM"), TCG, DomainXmlBuilder.uuid("vm-1"),
        dev.vireo.agent.command.Hypervisor.DomainDevices.NONE, tcg));
    assertEquals("custom", at(custom, "/domain/cpu/@mode"));
    assertEquals("qemu64", at(custom, "/domain/cpu/model"));
    Document passthrough = parse(DomainXmlBuilder.build(withCpu(1, 2, "HOST_PASSTHROUGH"), TCG,
        DomainXmlBuilder.uuid("vm-1"), dev.vireo.agent.command.Hypervisor.DomainDevices.NONE, tcg));
    assertEquals("maximum", at(passthrough, "/domain/cpu/@mode"), "TCG cannot pass the host CPU through");
  }

  @Test
  void anInstallationIsoBootsAfterTheSystemDiskFromVirtioScsi() throws Exception {
    VmDefinition plain = vm("BIOS");
    VmDefinition withIso = new VmDefinition(plain.vmId(), plain.domainName(), plain.title(), plain.vcpus(),
        plain.memoryMiB(), plain.systemDiskPath(), plain.bootMode(), plain.nvramPath(), plain.serialLogPath(),
        plain.vncListen(), plain.vncPassword(), java.util.List.of(), null, java.util.List.of(), null, 0,
        java.util.List.of(), java.util.List.of(), "/var/lib/vireo/storage/images/img-0000aa.iso");
    Document d = parse(DomainXmlBuilder.build(withIso, KVM));

    assertEquals(0, count(d, "/domain/os/boot"), "per-device boot order instead");
    assertEquals("1", at(d, "/domain/devices/disk[target/@dev='vda']/boot/@order"));
    assertEquals("/var/lib/vireo/storage/images/img-0000aa.iso", at(d, "/domain/devices/disk[@device='cdrom']/source/@file"));
    assertEquals("scsi", at(d, "/domain/devices/disk[@device='cdrom']/target/@bus"));
    assertEquals("2", at(d, "/domain/devices/disk[@device='cdrom']/boot/@order"));
    assertEquals(1, count(d, "/domain/devices/disk[@device='cdrom']/readonly"));
    assertEquals("virtio-scsi", at(d, "/domain/devices/controller[@type='scsi']/@model"));
    Document without = parse(DomainXmlBuilder.build(plain, KVM));
    assertEquals("hd", at(without, "/domain/os/boot/@dev"));
    assertEquals(0, count(without, "/domain/devices/disk[@device='cdrom']"));
  }
}
