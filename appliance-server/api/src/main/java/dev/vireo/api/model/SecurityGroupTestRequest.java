package dev.vireo.api.model;

import java.util.List;

/**
 * The first packet of a connection to test against security groups: either the groups in the order
 * a NIC would have them ({@code securityGroups}) or a VM NIC ({@code vmId} + {@code nicIndex}) whose
 * groups are used. The remote end decides: the source for ingress, the destination for egress;
 * {@code port} is the destination port (TCP, UDP only).
 */
public record SecurityGroupTestRequest(List<String> securityGroups, String vmId, Integer nicIndex, String direction,
    String protocol, String sourceAddress, String destinationAddress, Integer port) {
  /** A test against groups given in order. */
  public SecurityGroupTestRequest(List<String> securityGroups, String direction, String protocol,
      String sourceAddress, String destinationAddress, Integer port) {
    this(securityGroups, null, null, direction, protocol, sourceAddress, destinationAddress, port);
  }
}
