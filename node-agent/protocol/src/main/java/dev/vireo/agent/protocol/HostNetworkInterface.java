package dev.vireo.agent.protocol;

/**
 * A network interface of the host (/sys/class/net); {@code virtual} for bridges, veths, taps, OVS
 * ports and the like (no backing device). Speed, MTU and driver are null when the kernel does not say.
 */
public record HostNetworkInterface(
    String name, String mac, String state, Integer speedMbps, Integer mtu, String driver, boolean virtual) {}
