package dev.vireo.agent.protocol;

import java.time.Instant;
import java.util.List;

/** Reply to {@link ListHostDevicesCommand}: what sysfs showed at {@code observedAt}. */
public record HostDevicesReply(
    Instant observedAt,
    List<HostNetworkInterface> networkInterfaces,
    List<HostBlockDevice> blockDevices,
    List<HostUsbDevice> usbDevices,
    List<HostPciDevice> pciDevices) implements AgentReply {}
