package dev.vireo.api.model;

import java.util.List;

/**
 * The first packet of a connection to test against security groups (in the order a NIC has them).
 * The remote end decides: the source for ingress, the destination for egress; {@code port} is the
 * destination port (TCP, UDP only).
 */
public record SecurityGroupTestRequest(List<String> securityGroups, String direction, String protocol,
    String sourceAddress, String destinationAddress, Integer port) {}
