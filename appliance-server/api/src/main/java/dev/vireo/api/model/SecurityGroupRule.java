package dev.vireo.api.model;

/**
 * A security-group rule as written (white paper 4.2.8.2, ADR 0018). Either {@code protocol} (tcp,
 * udp, icmpv4, icmpv6, gre, all or a shortcut such as ssh) with optional {@code ports}, or
 * {@code portGroup}; either {@code address} (address or CIDR) or {@code ipGroup}.
 */
public record SecurityGroupRule(String direction, String protocol, String ports, String portGroup, String address,
    String ipGroup, String action, String priority, String description) {}
