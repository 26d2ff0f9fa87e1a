package dev.vireo.agent.libvirt;

import dev.vireo.agent.protocol.HostPciDevice;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain XML of passed-through and redirected host devices (ADR 0027): GPUs by PCI
 * passthrough (each with every other function of its IOMMU group, e.g. its HDMI audio),
 * USB passthrough by vendor/product and/or bus/device, and USB redirection over TCP.
 * {@code managed='yes'} makes libvirt detach the PCI device from its host driver (binding it to
 * vfio-pci) when the domain starts and give it back to the host driver when the domain stops.
 */
public final class HostDeviceXml {
  private static final Pattern PCI = Pattern.compile(
      "([0-9a-fA-F]{4}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");

  private HostDeviceXml() {}

  /** The PCI addresses to pass through for these GPUs: each GPU, then the other functions of its group. */
  public static List<String> pciFunctions(List<HostPciDevice> gpus) {
    return HostPciDevice.passthroughFunctions(gpus);
  }

  /** One {@code <hostdev type='pci' managed='yes'>} per function of every GPU's IOMMU group. */
  public static String gpus(List<HostPciDevice> gpus) {
    StringBuilder x = new StringBuilder();
    for (String address : pciFunctions(gpus)) {
      x.append(pci(address));
    }
    return x.toString();
  }

  /** A PCI function passed through, by its host address {@code 0000:b1:00.0}. */
  public static String pci(String address) {
    Matcher m = PCI.matcher(address == null ? "" : address);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PCI address (dddd:bb:ss.f): '" + address + "'");
    }
    return "    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
        + "      <source>\n"
        + "        <address domain='0x" + m.group(1).toLowerCase() + "' bus='0x" + m.group(2).toLowerCase()
        + "' slot='0x" + m.group(3).toLowerCase() + "' function='0x" + m.group(4) + "'/>\n"
        + "      </source>\n"
        + "    </hostdev>\n";
  }

  /**
   * A host USB device passed through: by vendor and product id (4 hex digits each), by bus and
   * device number, or both (then libvirt requires both to match). {@code alias} ({@code ua-...})
   * names it so it can be detached live. {@code startupPolicy='optional'}: a domain whose device is
   * gone (unplugged, or the VM restarted on another node by HA) starts without it instead of failing.
   */
  public static String usbHostdev(String alias, String vendorId, String productId, Integer bus, Integer device) {
    boolean byId = vendorId != null && productId != null;
    boolean byAddress = bus != null && device != null;
    if (!byId && !byAddress) {
      throw new IllegalArgumentException("a USB passthrough needs vendorId+productId and/or bus+device");
    }
    StringBuilder x = new StringBuilder("    <hostdev mode='subsystem' type='usb' managed='yes'>\n"
        + "      <source startupPolicy='optional'>\n");
    if (byId) {
      x.append("        <vendor id='0x").append(hex4(vendorId)).append("'/>\n");
      x.append("        <product id='0x").append(hex4(productId)).append("'/>\n");
    }
    if (byAddress) {
      x.append("        <address bus='").append(bus).append("' device='").append(device).append("'/>\n");
    }
    x.append("      </source>\n");
    alias(x, alias);
    return x.append("    </hostdev>\n").toString();
  }

  /**
   * A USB redirection channel: QEMU connects to {@code host:port}, where a usbredir server (the
   * client's {@code usbredirserver}/spice client) shares the device. A network redirect: it goes on
   * from the destination after a live migration.
   */
  public static String usbRedirect(String alias, String host, int port) {
    if (host == null || host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("a USB redirection needs a host and a port 1-65535");
    }
    StringBuilder x = new StringBuilder("    <redirdev bus='usb' type='tcp'>\n      <source mode='connect' host='")
        .append(DomainXmlBuilder.esc(host)).append("' service='").append(port).append("'/>\n");
    alias(x, alias);
    return x.append("    </redirdev>\n").toString();
  }

  /** The element of a VM's USB device: a USB hostdev or a TCP redirdev. */
  public static String usb(dev.vireo.agent.protocol.UsbDeviceDefinition u) {
    if (u.passthrough()) {
      return usbHostdev(u.alias(), u.vendorId(), u.productId(), u.bus(), u.device());
    }
    if ("REDIRECT".equals(u.type())) {
      return usbRedirect(u.alias(), u.host(), u.port() == null ? 0 : u.port());
    }
    throw new IllegalArgumentException("USB device type must be PASSTHROUGH or REDIRECT: '" + u.type() + "'");
  }

  private static void alias(StringBuilder x, String alias) {
    if (alias != null) {
      if (!alias.matches("ua-[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("a user alias starts with 'ua-': '" + alias + "'");
      }
      x.append("      <alias name='").append(alias).append("'/>\n");
    }
  }

  private static String hex4(String id) {
    String s = id.toLowerCase().replaceFirst("^0x", "");
    if (!s.matches("[0-9a-f]{4}")) {
      throw new IllegalArgumentException("not a 4-digit hex USB id: '" + id + "'");
    }
    return s;
  }
}
