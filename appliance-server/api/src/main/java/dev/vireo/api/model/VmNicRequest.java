package dev.vireo.api.model;

import java.util.List;

/**
 * A NIC of a VM to create: its {@code network} (id or name); {@code ipv4Address} and {@code
 * macAddress} are allocated when omitted; {@code securityGroups} (ids or names, evaluated in this
 * order, at most 5) filter its traffic; absent or empty leaves the NIC unfiltered (ADR 0018).
 */
public record VmNicRequest(String network, String ipv4Address, String macAddress, List<String> securityGroups) {
  /** A NIC without security groups. */
  public VmNicRequest(String network, String ipv4Address, String macAddress) {
    this(network, ipv4Address, macAddress, null);
  }
}
