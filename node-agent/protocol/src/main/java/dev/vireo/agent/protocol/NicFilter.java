package dev.vireo.agent.protocol;

import java.util.List;

/**
 * The security-group filter of one VM NIC (ADR 0018), compiled by the server from the NIC's groups
 * in their order. The agent turns it into the NIC's OpenFlow flows on the bridge that holds the
 * NIC's tap (the tap name follows from the MAC), with a conntrack zone of its own choosing.
 *
 * @param mac the NIC's MAC: it names the NIC on the node
 * @param addresses the NIC's IPAM addresses (IPv4 and IPv6): the only source addresses it may use
 * @param rules the matches in evaluation order; an empty list (all groups empty) drops all IP
 *     traffic (ARP and ND still pass)
 */
public record NicFilter(String mac, List<String> addresses, List<FilterRule> rules) {

  /**
   * One OpenFlow match of a rule. Matches of the same rule share a {@code rank}; rank 0 is
   * evaluated first (the agent maps a lower rank to a higher flow priority).
   *
   * @param direction {@code INGRESS} (to the VM) or {@code EGRESS} (from the VM)
   * @param match OpenFlow match fields without the NIC's own fields and without ct_state, e.g.
   *     {@code tcp,nw_src=10.0.0.0/24,tp_dst=0x0050/0xfff0} or {@code icmp6} or {@code ip}
   * @param accept true: a new connection matching it is committed and passes; false: dropped
   */
  public record FilterRule(String direction, int rank, String match, boolean accept) {}
}
