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

  /** The source file of the file disk at {@code target}, or null when the domain has none there. */
  static String source(String domainXml, String target) {
    Element disk = disk(parse(domainXml), target);
    Element source = disk == null ? null : first(disk, "source");
    return source == null || source.getAttribute("file").isEmpty() ? null : source.getAttribute("file");
  }

  /** The same domain XML with the file disk at {@code target} reading {@code file}. */
  static String withSource(String domainXml, String target, String file) {
    org.w3c.dom.Document doc = parse(domainXml);
    Element disk = disk(doc, target);
    Element source = disk == null ? null : first(disk, "source");
    if (source == null) {
      throw new IllegalStateException("the domain has no file disk at " + target);
    }
    source.setAttribute("file", file);
    try {
      var out = new java.io.StringWriter();
      var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(out));
      return out.toString();
    } catch (javax.xml.transform.TransformerException e) {
      throw new IllegalStateException("cannot write domain XML: " + e.getMessage(), e);
    }
  }

  private static org.w3c.dom.Document parse(String domainXml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(domainXml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("unreadable domain XML: " + e.getMessage(), e);
    }
  }

  private static Element disk(org.w3c.dom.Document doc, String target) {
    NodeList disks = doc.getElementsByTagName("disk");
    for (int i = 0; i < disks.getLength(); i++) {
      Element disk = (Element) disks.item(i);
      Element t = first(disk, "target");
      if ("disk".equals(disk.getAttribute("device")) && t != null && target.equals(t.getAttribute("dev"))) {
        return disk;
      }
    }
    return null;
  }

  private static Element first(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }
}
