package dev.vireo.server.secgroup;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import dev.vireo.server.secgroup.SecurityRules.Action;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a NIC's rules, already in evaluation order ({@link SecurityRules#ordered}), with its MAC
 * and IPAM addresses into the {@link NicFilter} the node's agent applies (ADR 0018). The rank of a
 * rule is its place among the rules of its direction (0 first), the same order the
 * {@link PacketTester} reads, so the tester cannot disagree with the node about which rule decides.
 */
public final class FilterCompiler {
  private FilterCompiler() {}

  /** Matches a NIC may carry: far below what the agent's flow priorities leave room for. */
  static final int MAX_MATCHES = 50_000;

  public static NicFilter compile(String mac, List<String> addresses, List<Rule> ordered) {
    List<FilterRule> out = new ArrayList<>();
    int[] rank = new int[Direction.values().length];
    for (Rule r : ordered) {
      String direction = r.direction().name();
      int place = rank[r.direction().ordinal()]++;
      for (String match : RuleMatches.of(r)) {
        out.add(new FilterRule(direction, place, match, r.action() == Action.ACCEPT));
      }
      if (out.size() > MAX_MATCHES) {
        throw new IllegalArgumentException("the rules of NIC " + mac + " expand to more than " + MAX_MATCHES
            + " OpenFlow matches; use fewer ranges or wider CIDRs");
      }
    }
    return new NicFilter(mac, List.copyOf(addresses), List.copyOf(out));
  }
}
