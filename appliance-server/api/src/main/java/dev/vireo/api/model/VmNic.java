package dev.vireo.api.model;

import java.util.List;

/**
 * A NIC of a VM, in guest order (eth0 first): its network, MAC, allocated addresses and the ids of
 * its security groups in evaluation order (empty: unfiltered).
 */
public record VmNic(String networkId, String mac, String ipv4Address, String ipv6Address, List<String> securityGroups) {}
