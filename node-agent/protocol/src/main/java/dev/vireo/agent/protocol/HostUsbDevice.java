package dev.vireo.agent.protocol;

/** A USB device of the host (/sys/bus/usb/devices): bus-port id, ids, names and speed in Mb/s. */
public record HostUsbDevice(
    String id, int busNumber, int deviceNumber, String vendorId, String productId, String manufacturer,
    String product, String serial, String speedMbps, String usbVersion) {}
