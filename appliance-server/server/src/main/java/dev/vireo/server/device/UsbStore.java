package dev.vireo.server.device;

import dev.vireo.agent.protocol.UsbDeviceDefinition;
import dev.vireo.api.model.UsbDeviceType;
import dev.vireo.api.model.VmUsbDevice;
import dev.vireo.server.inventory.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The USB devices of VMs (ADR 0027): passthrough of a node's device, or redirection over TCP. */
public final class UsbStore {
  private final Jdbi jdbi;

  public UsbStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<VmUsbDevice> ofVm(String vmId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM vm_usb_devices WHERE vm_id = :vm ORDER BY created_at, id")
        .bind("vm", vmId).map((rs, c) -> map(rs)).list());
  }

  public Optional<VmUsbDevice> get(String vmId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM vm_usb_devices WHERE vm_id = :vm AND id = :id")
        .bind("vm", vmId).bind("id", id).map((rs, c) -> map(rs)).findOne());
  }

  public void insert(Handle h, VmUsbDevice d) {
    h.createUpdate("INSERT INTO vm_usb_devices (id, vm_id, type, vendor_id, product_id, bus, device, host, port,"
            + " created_at) VALUES (:id, :vm, :t, :v, :p, :b, :d, :h, :port, :at)")
        .bind("id", d.id()).bind("vm", d.vmId()).bind("t", d.type().name()).bind("v", d.vendorId())
        .bind("p", d.productId()).bind("b", d.bus()).bind("d", d.device()).bind("h", d.host()).bind("port", d.port())
        .bind("at", Rows.now()).execute();
  }

  public void delete(String id) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM vm_usb_devices WHERE id = :id").bind("id", id).execute());
  }

  public void deleteOfVm(String vmId) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM vm_usb_devices WHERE vm_id = :vm").bind("vm", vmId).execute());
  }

  /** What the agent puts in the domain; the alias {@code ua-<id>} names it for a live detach. */
  public static UsbDeviceDefinition definition(VmUsbDevice d) {
    return new UsbDeviceDefinition("ua-" + d.id(), d.type().name(), d.vendorId(), d.productId(), d.bus(), d.device(),
        d.host(), d.port());
  }

  public List<UsbDeviceDefinition> definitions(String vmId) {
    return ofVm(vmId).stream().map(UsbStore::definition).toList();
  }

  private static VmUsbDevice map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new VmUsbDevice(rs.getString("id"), rs.getString("vm_id"), UsbDeviceType.valueOf(rs.getString("type")),
        rs.getString("vendor_id"), rs.getString("product_id"), (Integer) rs.getObject("bus", Integer.class),
        (Integer) rs.getObject("device", Integer.class), rs.getString("host"),
        (Integer) rs.getObject("port", Integer.class), Rows.instant(rs, "created_at"));
  }
}
