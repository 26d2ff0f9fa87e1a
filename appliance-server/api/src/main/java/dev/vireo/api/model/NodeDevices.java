package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** A node's host devices as its agent saw them at {@code observedAt}: {@code GET /api/v1/nodes/{id}/devices}. */
public record NodeDevices(
    String nodeId,
    Instant observedAt,
    List<NetworkDevice> networkDevices,
    List<BlockDevice> blockDevices,
    List<UsbDevice> usbDevices,
    List<PciDevice> pciDevices) {}
