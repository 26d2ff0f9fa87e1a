package dev.vireo.api.model;

import java.time.Instant;

/**
 * A USB device of a VM (ADR 0027). PASSTHROUGH: {@code vendorId}/{@code productId} and/or
 * {@code bus}/{@code device} of a USB device of the VM's node. REDIRECT: {@code host}:{@code port}
 * of a usbredir server the VM connects to.
 */
public record VmUsbDevice(String id, String vmId, UsbDeviceType type, String vendorId, String productId, Integer bus,
    Integer device, String host, Integer port, Instant createdAt) {}
