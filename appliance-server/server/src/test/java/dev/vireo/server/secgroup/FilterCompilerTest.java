package dev.vireo.server.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.network.Cidr;
import dev.vireo.server.network.IpAddresses;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import dev.vireo.server.secgroup.SecurityRules.AddressRange;
import dev.vireo.server.secgroup.SecurityRules.PortRange;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterCompilerTest {
  static final String MAC = "52:54:00:aa:bb:cc";
  static final List<String> ADDRESSES = List.of("10.0.0.5", "fd00::5");

  @Test
  void compilesOrderedRulesIntoRankedMatchesPerDirection() {
    List<Rule> rules = SecurityRules.ordered(List.of(SecurityRules.check("g", 0, "rules", List.of(
        new RuleSpec("ingress", "ssh", null, null, "0.0.0.0/0", null, "accept", "low", null),
        new RuleSpec("ingress", "ping", null, null, "10.0.0.9", null, "accept", "high", null),
        new RuleSpec("ingress", "tcp", "22", null, "10.0.0.66", null, "drop", "low", null),
        new RuleSpec("egress", "udp", "1000-1003", null, null, "r", "accept", null, null),
        new RuleSpec("egress", "all", null, null, "::/0", null, "drop", "low", null)),
        SecurityRulesTest.PORT_GROUPS, java.util.Map.of("r", new SecurityRules.IpGroup("r", "r", List.of("10.1.0.4-10.1.0.9"))))));
    NicFilter expected = new NicFilter(MAC, ADDRESSES, List.of(
        // high PING from one address (ICMPv4 only: the address is IPv4)
        new FilterRule("INGRESS", 0, "icmp,nw_src=10.0.0.9/32", true),
        // 10.1.0.4-10.1.0.9 is 10.1.0.4/30 + 10.1.0.8/31; ports 1000-1003 are 0x03e8/0xfffc
        new FilterRule("EGRESS", 0, "udp,nw_dst=10.1.0.4/30,tp_dst=0x03e8/0xfffc", true),
        new FilterRule("EGRESS", 0, "udp,nw_dst=10.1.0.8/31,tp_dst=0x03e8/0xfffc", true),
        // low: the exact drop (one address) before the SSH accept from anywhere
        new FilterRule("INGRESS", 1, "tcp,nw_src=10.0.0.66/32,tp_dst=22", false),
        new FilterRule("INGRESS", 2, "tcp,tp_dst=22", true),
        new FilterRule("EGRESS", 1, "ipv6", false)));
    assertEquals(expected, FilterCompiler.compile(MAC, ADDRESSES, rules));
  }

  @Test
  void anEmptyGroupGivesNoRulesSoTheAgentDropsAllIp() {
    assertEquals(new NicFilter(MAC, ADDRESSES, List.of()), FilterCompiler.compile(MAC, ADDRESSES, List.of()));
  }

  @Test
  void tcpWithoutPortsIsEveryPortAndGreAndPortRangesExpand() {
    List<Rule> rules = SecurityRules.ordered(List.of(SecurityRules.check("g", 0, "rules", List.of(
        new RuleSpec("ingress", "tcp", null, null, "fd00::/64", null, "accept", null, null),
        new RuleSpec("egress", "pptp", null, null, "192.0.2.1", null, "accept", null, null)),
        SecurityRulesTest.PORT_GROUPS, java.util.Map.of())));
    assertEquals(List.of( // one address is more exact than a /64: the egress rule comes first overall
        new FilterRule("EGRESS", 0, "tcp,nw_dst=192.0.2.1/32,tp_dst=1723", true),
        new FilterRule("EGRESS", 0, "ip,nw_proto=47,nw_dst=192.0.2.1/32", true),
        new FilterRule("INGRESS", 0, "tcp6,ipv6_src=fd00::/64", true)),
        FilterCompiler.compile(MAC, ADDRESSES, rules).rules());
  }

  @Test
  void portMasksCoverExactlyTheRange() {
    assertEquals(List.of("1", "0x0002/0xfffe", "0x0004/0xfffc", "0x0008/0xfff8",
        "0x0010/0xfff0", "0x0020/0xffe0", "0x0040/0xffc0", "0x0080/0xff80", "0x0100/0xff00", "0x0200/0xfe00",
        "0x0400/0xfc00", "0x0800/0xf800", "0x1000/0xf000", "0x2000/0xe000", "0x4000/0xc000", "0x8000/0x8000"),
        RuleMatches.portMasks(new PortRange(1, 65535)));
    Random random = new Random(18);
    for (int n = 0; n < 300; n++) {
      int a = 1 + random.nextInt(65535);
      int b = 1 + random.nextInt(65535);
      PortRange r = new PortRange(Math.min(a, b), Math.max(a, b));
      boolean[] covered = new boolean[65536];
      for (String m : RuleMatches.portMasks(r)) {
        int value;
        int mask = 0xffff;
        if (m.contains("/")) {
          value = Integer.decode(m.split("/")[0]);
          mask = Integer.decode(m.split("/")[1]);
        } else {
          value = Integer.parseInt(m);
        }
        for (int p = 0; p < 65536; p++) {
          if ((p & mask) == value) {
            assertTrue(!covered[p], "port " + p + " twice for " + r);
            covered[p] = true;
          }
        }
      }
      for (int p = 0; p < 65536; p++) {
        assertEquals(r.contains(p), covered[p], "port " + p + " for " + r);
      }
    }
  }

  @Test
  void cidrsCoverExactlyTheRange() {
    assertEquals(List.of("0.0.0.0/0"), RuleMatches.cidrs(new AddressRange(BigInteger.ZERO,
        BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE), 32)));
    assertEquals(List.of("::/0"), RuleMatches.cidrs(new AddressRange(BigInteger.ZERO,
        BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), 128)));
    Random random = new Random(18);
    for (int n = 0; n < 300; n++) {
      long a = random.nextInt(4096);
      long b = random.nextInt(4096);
      BigInteger base = IpAddresses.parse("10.20.0.0").value();
      AddressRange r = new AddressRange(base.add(BigInteger.valueOf(Math.min(a, b))),
          base.add(BigInteger.valueOf(Math.max(a, b))), 32);
      List<String> cidrs = RuleMatches.cidrs(r);
      BigInteger next = r.first();
      List<String> seen = new ArrayList<>();
      for (String c : cidrs) {
        Cidr cidr = Cidr.parse(c);
        assertEquals(next, cidr.first(), c + " in " + cidrs + " for " + r);
        next = cidr.last().add(BigInteger.ONE);
        seen.add(c);
      }
      assertEquals(r.last().add(BigInteger.ONE), next, "end of " + seen + " for " + r);
    }
  }
}
