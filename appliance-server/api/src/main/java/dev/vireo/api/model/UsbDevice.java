package dev.vireo.api.model;

/** A USB device plugged into the host, by bus-port id ({@code 1-1.2}) and vendor:product id. */
public record UsbDevice(
    String id, int busNumber, int deviceNumber, String vendorId, String productId, String manufacturer,
    String product, String serial, String speedMbps, String usbVersion) {}
