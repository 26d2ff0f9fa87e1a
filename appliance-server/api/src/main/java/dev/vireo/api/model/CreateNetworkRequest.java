package dev.vireo.api.model;

import java.util.List;

/**
 * Body of {@code POST /api/v1/networks}. {@code clusterId} defaults to the default cluster; the
 * range defaults to the subnet's usable addresses (the gateway is never handed out); {@code
 * dnsServers} (0-2) default to 114.114.114.114; {@code dhcp} defaults to false.
 */
public record CreateNetworkRequest(
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
    Boolean dhcp,
    List<NetworkRoute> routes) {}
