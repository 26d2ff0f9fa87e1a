package dev.vireo.api.model;

/** A PCI display controller (GPU) of the host: address, vendor:device id, class and bound driver. */
public record PciDevice(String address, String vendorId, String deviceId, String classId, String driver) {}
