package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/usb-devices} (ADR 0027). PASSTHROUGH: {@code vendorId} and
 * {@code productId} (4 hex digits) and/or {@code bus} and {@code device}, matching a USB device the
 * VM's node lists. REDIRECT: {@code host} and {@code port} (1-65535) of the client's usbredir server.
 */
public record AttachUsbRequest(UsbDeviceType type, String vendorId, String productId, Integer bus, Integer device,
    String host, Integer port) {}
