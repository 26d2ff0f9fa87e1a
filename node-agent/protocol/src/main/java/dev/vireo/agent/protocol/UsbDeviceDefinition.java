package dev.vireo.agent.protocol;

/**
 * A USB device of a VM (ADR 0027): {@code PASSTHROUGH} a host device of the VM's node by
 * {@code vendorId}+{@code productId} (4 hex digits) and/or {@code bus}+{@code device}; or
 * {@code REDIRECT} a device a client shares over TCP at {@code host}:{@code port} (usbredir).
 * {@code alias} ({@code ua-usb-<id>}) names it in the domain.
 */
public record UsbDeviceDefinition(String alias, String type, String vendorId, String productId, Integer bus,
    Integer device, String host, Integer port) {
  public boolean passthrough() {
    return "PASSTHROUGH".equals(type);
  }
}
