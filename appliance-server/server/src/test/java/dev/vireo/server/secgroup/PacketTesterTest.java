package dev.vireo.server.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.secgroup.PacketTester.Verdict;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketTesterTest {
  static final List<Rule> RULES = SecurityRules.ordered(List.of(
      SecurityRules.check("web", 0, "rules", List.of(
          new RuleSpec("ingress", "tcp", "1-1024", null, "0.0.0.0/0", null, "accept", "low", null),    // web#0
          new RuleSpec("ingress", "ssh", null, null, "10.0.0.0/8", null, "accept", null, null),        // web#1
          new RuleSpec("ingress", "tcp", "22", null, "10.6.6.6", null, "drop", null, null),            // web#2
          new RuleSpec("ingress", "ping", null, null, "192.168.1.10", null, "accept", "high", null),  // web#3
          new RuleSpec("ingress", "ping", null, null, "fd00::/64", null, "accept", "high", null),     // web#4
          new RuleSpec("egress", "all", null, null, "0.0.0.0/0", null, "accept", null, null),          // web#5
          new RuleSpec("egress", "udp", "53", null, "8.8.8.8", null, "drop", null, null)),             // web#6
          SecurityRulesTest.PORT_GROUPS, SecurityRulesTest.IP_GROUPS),
      SecurityRules.check("office", 1, "rules", List.of(
          new RuleSpec("ingress", null, null, "web", null, "office", "accept", "high", null)),         // office#0
          SecurityRulesTest.PORT_GROUPS, SecurityRulesTest.IP_GROUPS)));

  @ParameterizedTest(name = "{0} {1} {2} {3} → {5}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "ingress | tcp    | 10.1.1.1     | 22   | true  | web#1",
      "ingress | tcp    | 10.6.6.6     | 22   | false | web#2",
      "ingress | tcp    | 10.6.6.6     | 80   | true  | web#0",
      "ingress | tcp    | 8.8.8.8      | 22   | true  | web#0",
      "ingress | tcp    | 8.8.8.8      | 2000 | false | default drop",
      "ingress | udp    | 8.8.8.8      | 53   | false | default drop",
      "ingress | icmpv4 | 192.168.1.10 | -    | true  | web#3",
      "ingress | icmpv4 | 192.168.1.11 | -    | false | default drop",
      "ingress | icmpv6 | fd00::5      | -    | true  | web#4",
      "ingress | icmpv4 | fd00::5      | -    | false | default drop",
      "ingress | udp    | 10.0.2.15    | 1000 | true  | office#0",
      "ingress | tcp    | 10.0.2.21    | 5000 | false | default drop",
      "ingress | tcp    | 10.0.1.200   | 5000 | true  | office#0",
      "ingress | gre    | 10.0.0.1     | -    | false | default drop",
      "egress  | udp    | 8.8.8.8      | 53   | false | web#6",
      "egress  | udp    | 8.8.4.4      | 53   | true  | web#5",
      "egress  | gre    | 8.8.4.4      | -    | true  | web#5",
      "egress  | tcp    | fd00::1      | 443  | false | default drop",
  })
  void firstMatchingRuleInOrderDecides(String dir, String proto, String remote, Integer port, boolean allowed, String by) {
    Verdict v = PacketTester.test(RULES, Direction.valueOf(dir.toUpperCase(Locale.ROOT)),
        Protocol.valueOf(proto.toUpperCase(Locale.ROOT)), IpAddresses.parse(remote), port);
    assertEquals(allowed, v.allowed(), v.toString());
    assertEquals(by, v.decidedBy(), v.toString());
  }

  @Test
  void reportsTheOrderOfTheDirection() {
    Verdict v = PacketTester.test(RULES, Direction.INGRESS, Protocol.TCP, IpAddresses.parse("10.1.1.1"), 22);
    assertEquals(List.of("web#3", "office#0", "web#4", "web#2", "web#1", "web#0"), v.order());
    assertEquals(List.of("web#6", "web#5"),
        PacketTester.test(RULES, Direction.EGRESS, Protocol.TCP, IpAddresses.parse("10.1.1.1"), 22).order());
  }

  @Test
  void noRulesDropsEverything() {
    Verdict v = PacketTester.test(List.of(), Direction.EGRESS, Protocol.UDP, IpAddresses.parse("1.1.1.1"), 53);
    assertEquals(new Verdict(false, PacketTester.DEFAULT_DROP, List.of()), v);
  }
}
