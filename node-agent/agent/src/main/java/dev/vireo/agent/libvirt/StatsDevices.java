package dev.vireo.agent.libvirt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The devices of a running domain's XML that libvirt keeps statistics for: the targets of its
 * disks ({@code device='disk'}: CD-ROMs are left out) for {@code virDomainBlockStats}, and the host
 * side devices ({@code <target dev>}, the taps) of its interfaces for {@code virDomainInterfaceStats}.
 */
final class StatsDevices {
  private StatsDevices() {}

  /** Disk targets ({@code vda}, {@code vdc}) in document order. */
  static List<String> diskTargets(String liveDomainXml) {
    List<String> out = new ArrayList<>();
    NodeList disks = parse(liveDomainXml).getElementsByTagName("disk");
    for (int i = 0; i < disks.getLength(); i++) {
      Element disk = (Element) disks.item(i);
      String dev = targetDev(disk);
      if ("disk".equals(disk.getAttribute("device")) && dev != null) {
        out.add(dev);
      }
    }
    return out;
  }

  /** Interface target devices ({@code vnet3}, Vireo's {@code vm<mac>} taps) in document order. */
  static List<String> interfaceTargets(String liveDomainXml) {
    List<String> out = new ArrayList<>();
    NodeList nics = parse(liveDomainXml).getElementsByTagName("interface");
    for (int i = 0; i < nics.getLength(); i++) {
      String dev = targetDev((Element) nics.item(i));
      if (dev != null) {
        out.add(dev);
      }
    }
    return out;
  }

  private static String targetDev(Element device) {
    NodeList targets = device.getElementsByTagName("target");
    if (targets.getLength() == 0) {
      return null;
    }
    String dev = ((Element) targets.item(0)).getAttribute("dev");
    return dev.isEmpty() ? null : dev;
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("unreadable domain XML: " + e.getMessage(), e);
    }
  }
}
