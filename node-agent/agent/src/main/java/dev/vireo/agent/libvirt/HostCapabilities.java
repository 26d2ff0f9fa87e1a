package dev.vireo.agent.libvirt;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What the host can run, read from libvirt's capabilities XML: the arch and whether a
 * {@code kvm} domain type is offered for it (else QEMU's TCG, type {@code qemu}).
 */
public record HostCapabilities(String arch, String domainType) {

  /** The domain type libvirt offers; {@code kvm} only when the host's KVM is hardware-assisted. */
  public static HostCapabilities parse(String capabilitiesXml, AccelerationProbe probe, String override) {
    HostCapabilities offered = parse(capabilitiesXml);
    if (override != null && (override.equals("kvm") || override.equals("qemu"))) {
      return new HostCapabilities(offered.arch(), override);
    }
    if (offered.domainType().equals("kvm") && !probe.hardwareKvm(offered.arch())) {
      return new HostCapabilities(offered.arch(), "qemu");
    }
    return offered;
  }

  public static HostCapabilities parse(String capabilitiesXml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(capabilitiesXml)));
      String hostArch = text((Element) doc.getElementsByTagName("host").item(0), "arch");
      NodeList guests = doc.getElementsByTagName("guest");
      boolean kvm = false;
      for (int i = 0; i < guests.getLength(); i++) {
        Element guest = (Element) guests.item(i);
        Element arch = (Element) guest.getElementsByTagName("arch").item(0);
        if (arch == null || !hostArch.equals(arch.getAttribute("name"))) {
          continue;
        }
        NodeList domains = arch.getElementsByTagName("domain");
        for (int j = 0; j < domains.getLength(); j++) {
          kvm |= "kvm".equals(((Element) domains.item(j)).getAttribute("type"));
        }
      }
      return new HostCapabilities(hostArch, kvm ? "kvm" : "qemu");
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable libvirt capabilities: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
