package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A flat network of a compute cluster (white paper 3.3): a VLAN ({@code vlanId}, null: untagged)
 * on the nodes' {@code uplink} device, with its IPv4 (and optional IPv6) subnet, gateway and the
 * range addresses are allocated from, DNS servers and custom routes handed to guests.
 */
public record Network(
    String id,
    String name,
    String clusterId,
    String uplink,
    Integer vlanId,
    String ipv4Subnet,
    String ipv4Gateway,
    String ipv4RangeStart,
    String ipv4RangeEnd,
    String ipv6Subnet,
    String ipv6Gateway,
    String ipv6RangeStart,
    String ipv6RangeEnd,
    List<String> dnsServers,
    boolean dhcp,
    List<NetworkRoute> routes,
    int allocatedAddresses,
    Instant createdAt) {}
