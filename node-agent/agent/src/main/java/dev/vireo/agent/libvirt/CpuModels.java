package dev.vireo.agent.libvirt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The guest CPU modes this host's hypervisor offers, read from libvirt's domain capabilities
 * ({@code virsh domcapabilities}): the usable named models, whether {@code host-passthrough} is
 * supported (hardware KVM) and whether {@code maximum} is (QEMU's TCG: every feature the emulator
 * has, the nearest thing to passing the host CPU through).
 *
 * @param customModel the migration-safe named model a CUSTOM VM gets, or null when none is usable
 */
public record CpuModels(String customModel, boolean hostPassthrough, boolean maximum) {
  /**
   * Baseline models in order of preference: the oldest x86-64 models every QEMU offers under TCG
   * and KVM alike, so every node of a cluster picks the same one and a VM migrates between them.
   */
  static final List<String> MIGRATION_SAFE = List.of("qemu64", "kvm64");

  /** When the domain capabilities cannot be read: QEMU's own default model, no passthrough. */
  public static final CpuModels UNKNOWN = new CpuModels(null, false, false);

  public static CpuModels parse(String domainCapabilitiesXml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(domainCapabilitiesXml)));
      boolean passthrough = false;
      boolean maximum = false;
      List<String> usable = new ArrayList<>();
      NodeList modes = doc.getElementsByTagName("mode");
      for (int i = 0; i < modes.getLength(); i++) {
        Element mode = (Element) modes.item(i);
        if (!(mode.getParentNode() instanceof Element parent) || !parent.getTagName().equals("cpu")) {
          continue;
        }
        boolean supported = "yes".equals(mode.getAttribute("supported"));
        switch (mode.getAttribute("name")) {
          case "host-passthrough" -> passthrough = supported;
          case "maximum" -> maximum = supported;
          case "custom" -> {
            if (supported) {
              NodeList models = mode.getElementsByTagName("model");
              for (int j = 0; j < models.getLength(); j++) {
                Element m = (Element) models.item(j);
                if (!"no".equals(m.getAttribute("usable"))) {
                  usable.add(m.getTextContent().strip());
                }
              }
            }
          }
          default -> { }
        }
      }
      String custom = MIGRATION_SAFE.stream().filter(usable::contains).findFirst()
          .orElse(usable.isEmpty() ? null : usable.get(0));
      return new CpuModels(custom, passthrough, maximum);
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable libvirt domain capabilities: " + e.getMessage(), e);
    }
  }

  /**
   * The domain's {@code <cpu>} element for a CPU mode ({@code CUSTOM} when null); a
   * HOST_PASSTHROUGH VM on a host without it gets {@code maximum} (TCG), else the mode is refused.
   */
  public String element(String cpuMode) {
    if ("HOST_PASSTHROUGH".equalsIgnoreCase(cpuMode)) {
      if (hostPassthrough) {
        return "  <cpu mode='host-passthrough' check='none' migratable='on'/>\n";
      }
      if (maximum) {
        return "  <cpu mode='maximum' check='none' migratable='on'/>\n";
      }
      throw new IllegalArgumentException("this node's hypervisor offers neither host-passthrough nor maximum CPU mode");
    }
    if (customModel == null) {
      return ""; // QEMU's default model (qemu64 on x86): still the same on every node
    }
    return "  <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>"
        + DomainXmlBuilder.esc(customModel) + "</model></cpu>\n";
  }
}
