package dev.vireo.agent.libvirt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the data disks out of a domain's XML: writable virtio file disks other than the system disk {@code vda}. */
final class DomainDisks {
  private DomainDisks() {}

  /** Target ({@code vdc}) to source file, in document order. */
  static Map<String, String> dataDisks(String domainXml) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList disks = f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(domainXml.getBytes(StandardCharsets.UTF_8)))
          .getElementsByTagName("disk");
      for (int i = 0; i < disks.getLength(); i++) {
        Element disk = (Element) disks.item(i);
        Element target = first(disk, "target");
        Element source = first(disk, "source");
        if (!"disk".equals(disk.getAttribute("device")) || target == null || source == null
            || !"virtio".equals(target.getAttribute("bus")) || first(disk, "readonly") != null
            || "vda".equals(target.getAttribute("dev"))) {
          continue;
        }
        out.put(target.getAttribute("dev"), source.getAttribute("file"));
      }
    } catch (Exception e) {
      throw new IllegalStateException("unreadable domain XML: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The QEMU node name of the qcow2 layer of the running domain's disk whose source is {@code path}
   * ({@code libvirt-<index>-format}, as libvirt names -blockdev nodes), or null when no disk has it.
   */
  static String formatNodeName(String liveDomainXml, String path) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList disks = f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(liveDomainXml.getBytes(StandardCharsets.UTF_8)))
          .getElementsByTagName("disk");
      for (int i = 0; i < disks.getLength(); i++) {
        Element source = first((Element) disks.item(i), "source");
        if (source != null && path.equals(source.getAttribute("file")) && !source.getAttribute("index").isEmpty()) {
          return "libvirt-" + source.getAttribute("index") + "-format";
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException("unreadable domain XML: " + e.getMessage(), e);
    }
  }

  private static Element first(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }
}
