package dev.vireo.agent.protocol;

/** A PCI display controller (class 0x03xxxx: VGA, 3D, other) of the host: a GPU the scheduler may use later. */
public record HostPciDevice(String address, String vendorId, String deviceId, String classId, String driver) {}
