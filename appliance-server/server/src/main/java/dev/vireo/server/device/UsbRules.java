package dev.vireo.server.device;

import dev.vireo.agent.protocol.HostUsbDevice;
import dev.vireo.api.model.AttachUsbRequest;
import dev.vireo.api.model.UsbDeviceType;
import dev.vireo.api.model.VmUsbDevice;
import dev.vireo.server.http.ApiException;
import java.util.List;
import java.util.Locale;

/** White paper 3.1.4/4.2.10 (ADR 0027): what a USB attach must say, and why a VM with one cannot migrate. */
public final class UsbRules {
  private UsbRules() {}

  /** 422 naming the field at fault; returns the request with ids lower-cased. */
  public static AttachUsbRequest check(AttachUsbRequest r) {
    if (r == null || r.type() == null) {
      throw ApiException.invalid("type", "is required: PASSTHROUGH (a USB device of the VM's node) or REDIRECT"
          + " (a client's device over TCP)");
    }
    if (r.type() == UsbDeviceType.REDIRECT) {
      if (r.vendorId() != null || r.productId() != null || r.bus() != null || r.device() != null) {
        throw ApiException.invalid("type", "a REDIRECT takes host and port only");
      }
      if (r.host() == null || !r.host().matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
        throw ApiException.invalid("host", "is required for a REDIRECT: the host name or address of the client's"
            + " usbredir server");
      }
      if (r.port() == null || r.port() < 1 || r.port() > 65535) {
        throw ApiException.invalid("port", "must be between 1 and 65535");
      }
      return r;
    }
    if (r.host() != null || r.port() != null) {
      throw ApiException.invalid("type", "a PASSTHROUGH takes vendorId/productId and/or bus/device, not host/port");
    }
    String vendor = hex("vendorId", r.vendorId());
    String product = hex("productId", r.productId());
    if ((vendor == null) != (product == null)) {
      throw ApiException.invalid(vendor == null ? "vendorId" : "productId", "give vendorId and productId together");
    }
    if ((r.bus() == null) != (r.device() == null)) {
      throw ApiException.invalid(r.bus() == null ? "bus" : "device", "give bus and device together");
    }
    if (vendor == null && r.bus() == null) {
      throw ApiException.invalid("vendorId", "a PASSTHROUGH names the device: vendorId and productId and/or bus"
          + " and device");
    }
    if (r.bus() != null && (r.bus() < 1 || r.bus() > 255 || r.device() < 1 || r.device() > 127)) {
      throw ApiException.invalid("bus", "bus must be 1-255 and device 1-127");
    }
    return new AttachUsbRequest(r.type(), vendor, product, r.bus(), r.device(), null, null);
  }

  private static String hex(String field, String id) {
    if (id == null) {
      return null;
    }
    String s = id.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
    if (!s.matches("[0-9a-f]{4}")) {
      throw ApiException.invalid(field, "must be 4 hex digits, e.g. 0781 (got '" + id + "')");
    }
    return s;
  }

  /** The node's USB device the passthrough names, or 422 naming the field when the node has none such. */
  public static HostUsbDevice match(AttachUsbRequest r, String nodeId, List<HostUsbDevice> listed) {
    for (HostUsbDevice u : listed) {
      boolean ids = r.vendorId() == null
          || (r.vendorId().equalsIgnoreCase(u.vendorId()) && r.productId().equalsIgnoreCase(u.productId()));
      boolean address = r.bus() == null || (r.bus() == u.busNumber() && r.device() == u.deviceNumber());
      if (ids && address) {
        return u;
      }
    }
    throw ApiException.invalid(r.vendorId() != null ? "vendorId" : "bus", "node " + nodeId + " has no USB device "
        + (r.vendorId() != null ? r.vendorId() + ":" + r.productId() : "") + (r.bus() != null ? " on bus " + r.bus()
        + " device " + r.device() : "") + " (see GET /api/v1/nodes/" + nodeId + "/devices)");
  }

  /** Why the VM cannot migrate while its USB passthrough devices are attached, naming them; null when it can. */
  public static String migrationRefusal(String vmId, List<VmUsbDevice> devices) {
    List<VmUsbDevice> pass = devices.stream().filter(d -> d.type() == UsbDeviceType.PASSTHROUGH).toList();
    if (pass.isEmpty()) {
      return null;
    }
    return "VM " + vmId + " has USB passthrough device " + String.join(", ", pass.stream().map(UsbRules::describe)
        .toList()) + " attached: a host USB device cannot move with it; detach it before migrating"
        + " (a USB redirection over TCP can stay)";
  }

  public static String describe(VmUsbDevice d) {
    return d.id() + " (" + (d.vendorId() != null ? d.vendorId() + ":" + d.productId() : "")
        + (d.bus() != null ? (d.vendorId() != null ? " " : "") + "bus " + d.bus() + " device " + d.device() : "") + ")";
  }
}
