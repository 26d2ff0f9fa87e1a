package dev.vireo.api.model;

/** A NIC of a VM, in guest order (eth0 first): its network, MAC and allocated addresses. */
public record VmNic(String networkId, String mac, String ipv4Address, String ipv6Address) {}
