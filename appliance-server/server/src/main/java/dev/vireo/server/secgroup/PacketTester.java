package dev.vireo.server.secgroup;

import dev.vireo.server.network.IpAddresses.Ip;
import dev.vireo.server.secgroup.SecurityRules.Action;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * What a NIC's security groups do to the first packet of a connection, read from the same ordered
 * rule list the flows are compiled from ({@link SecurityRules#ordered}). The first matching rule
 * decides; none matching is the default drop. Return traffic of an accepted connection is not
 * evaluated (conntrack lets it through).
 */
public final class PacketTester {
  private PacketTester() {}

  public static final String DEFAULT_DROP = "default drop";

  /**
   * @param remote the far end: the source address for ingress, the destination for egress
   * @param port the destination port (TCP, UDP), or null
   * @param decidedBy the label of the deciding rule, or {@link #DEFAULT_DROP}
   * @param order the labels of the rules of this direction, in evaluation order
   */
  public record Verdict(boolean allowed, String decidedBy, List<String> order) {}

  public static Verdict test(List<Rule> ordered, Direction direction, Protocol protocol, Ip remote, Integer port) {
    if (protocol == Protocol.ALL) {
      throw new IllegalArgumentException("a packet has one protocol, not all");
    }
    List<String> order = new ArrayList<>();
    Rule decided = null;
    for (Rule r : ordered) {
      if (r.direction() != direction) {
        continue;
      }
      order.add(r.label());
      if (decided == null && r.matches(direction, protocol, remote, protocol == Protocol.TCP || protocol == Protocol.UDP ? port : null)) {
        decided = r;
      }
    }
    return decided == null ? new Verdict(false, DEFAULT_DROP, order)
        : new Verdict(decided.action() == Action.ACCEPT, decided.label(), order);
  }
}
