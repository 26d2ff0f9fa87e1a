package dev.vireo.api.model;

/**
 * A NIC of a VM to create: its {@code network} (id or name); {@code ipv4Address} and {@code
 * macAddress} are allocated when omitted.
 */
public record VmNicRequest(String network, String ipv4Address, String macAddress) {}
