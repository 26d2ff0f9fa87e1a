package dev.vireo.server.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.network.Cidr;
import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.secgroup.FlowCompiler.Nic;
import dev.vireo.server.secgroup.SecurityRules.AddressRange;
import dev.vireo.server.secgroup.SecurityRules.PortRange;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowCompilerTest {
  static final Nic NIC = new Nic("vm525400aabbcc", "52:54:00:aa:bb:cc", List.of("10.0.0.5", "fd00::5"), 7);

  @Test
  void compilesOrderedRulesWithConntrackAntiSpoofingAndDefaultDrop() {
    List<Rule> rules = SecurityRules.ordered(List.of(SecurityRules.check("g", 0, "rules", List.of(
        new RuleSpec("ingress", "ssh", null, null, "0.0.0.0/0", null, "accept", "low", null),
        new RuleSpec("ingress", "ping", null, null, "10.0.0.9", null, "accept", "high", null),
        new RuleSpec("ingress", "tcp", "22", null, "10.0.0.66", null, "drop", "low", null),
        new RuleSpec("egress", "udp", "1000-1003", null, null, "r", "accept", null, null)),
        SecurityRulesTest.PORT_GROUPS, java.util.Map.of("r", new SecurityRules.IpGroup("r", "r", List.of("10.1.0.4-10.1.0.9"))))));
    String c = "cookie=0x5356000000000007,";
    String in = "in_port=vm525400aabbcc";
    String mac = "52:54:00:aa:bb:cc";
    String expected = String.join("\n",
        "delete cookie=0x5356000000000007/-1",
        "add " + c + "table=0,priority=300," + in + ",udp,tp_src=67,actions=drop",
        "add " + c + "table=0,priority=300," + in + ",udp6,tp_src=547,actions=drop",
        "add " + c + "table=0,priority=200," + in + ",dl_src=" + mac + ",arp,arp_spa=10.0.0.5,arp_sha=" + mac + ",actions=NORMAL",
        "add " + c + "table=0,priority=200," + in + ",dl_src=" + mac + ",ip,nw_src=10.0.0.5,actions=ct(table=1,zone=7)",
        "add " + c + "table=0,priority=200," + in + ",dl_src=" + mac + ",ipv6,ipv6_src=fd00::5,actions=ct(table=1,zone=7)",
        "add " + c + "table=0,priority=210," + in + ",dl_src=" + mac + ",icmp6,icmp_type=133,actions=NORMAL",
        "add " + c + "table=0,priority=210," + in + ",dl_src=" + mac + ",icmp6,icmp_type=135,actions=NORMAL",
        "add " + c + "table=0,priority=210," + in + ",dl_src=" + mac + ",icmp6,icmp_type=136,actions=NORMAL",
        "add " + c + "table=0,priority=100," + in + ",actions=drop",
        "add " + c + "table=1,priority=60002," + in + ",ct_state=+trk+inv,actions=drop",
        "add " + c + "table=1,priority=60001," + in + ",ct_state=+trk+est,actions=resubmit(,2)",
        "add " + c + "table=1,priority=60001," + in + ",ct_state=+trk+rel,actions=resubmit(,2)",
        // 10.1.0.4-10.1.0.9 is 10.1.0.4/30 + 10.1.0.8/31; ports 1000-1003 are 0x03e8/0xfffc
        "add " + c + "table=1,priority=60000," + in + ",ct_state=+trk+new,udp,nw_dst=10.1.0.4/30,tp_dst=0x03e8/0xfffc,actions=ct(commit,zone=7),resubmit(,2)",
        "add " + c + "table=1,priority=60000," + in + ",ct_state=+trk+new,udp,nw_dst=10.1.0.8/31,tp_dst=0x03e8/0xfffc,actions=ct(commit,zone=7),resubmit(,2)",
        "add " + c + "table=1,priority=1," + in + ",actions=drop",
        "add " + c + "table=2,priority=210,dl_dst=" + mac + ",arp,actions=NORMAL",
        "add " + c + "table=2,priority=210,dl_dst=" + mac + ",icmp6,icmp_type=134,actions=NORMAL",
        "add " + c + "table=2,priority=210,dl_dst=" + mac + ",icmp6,icmp_type=135,actions=NORMAL",
        "add " + c + "table=2,priority=210,dl_dst=" + mac + ",icmp6,icmp_type=136,actions=NORMAL",
        "add " + c + "table=2,priority=200,dl_dst=" + mac + ",ip,actions=ct(table=3,zone=7)",
        "add " + c + "table=2,priority=200,dl_dst=" + mac + ",ipv6,actions=ct(table=3,zone=7)",
        "add " + c + "table=2,priority=100,dl_dst=" + mac + ",actions=drop",
        "add " + c + "table=3,priority=60002,dl_dst=" + mac + ",ct_state=+trk+inv,actions=drop",
        "add " + c + "table=3,priority=60001,dl_dst=" + mac + ",ct_state=+trk+est,actions=NORMAL",
        "add " + c + "table=3,priority=60001,dl_dst=" + mac + ",ct_state=+trk+rel,actions=NORMAL",
        // high PING from one address (ICMPv4 only: the address is IPv4)
        "add " + c + "table=3,priority=60000,dl_dst=" + mac + ",ct_state=+trk+new,icmp,nw_src=10.0.0.9/32,actions=ct(commit,zone=7),NORMAL",
        // low: the exact drop (one address) before the SSH accept from anywhere
        "add " + c + "table=3,priority=59999,dl_dst=" + mac + ",ct_state=+trk+new,tcp,nw_src=10.0.0.66/32,tp_dst=22,actions=drop",
        "add " + c + "table=3,priority=59998,dl_dst=" + mac + ",ct_state=+trk+new,tcp,tp_dst=22,actions=ct(commit,zone=7),NORMAL",
        "add " + c + "table=3,priority=1,dl_dst=" + mac + ",actions=drop",
        "");
    assertEquals(expected, FlowCompiler.compile(NIC, rules));
  }

  @Test
  void anEmptyGroupLeavesOnlyTheDrops() {
    String flows = FlowCompiler.compile(NIC, List.of());
    assertTrue(flows.contains("table=1,priority=1,in_port=vm525400aabbcc,actions=drop\n"), flows);
    assertTrue(flows.contains("table=3,priority=1,dl_dst=52:54:00:aa:bb:cc,actions=drop\n"), flows);
    assertTrue(flows.lines().noneMatch(l -> l.contains("ct(commit")), flows);
  }

  @Test
  void portMasksCoverExactlyTheRange() {
    assertEquals(List.of("1", "0x0002/0xfffe", "0x0004/0xfffc", "0x0008/0xfff8",
        "0x0010/0xfff0", "0x0020/0xffe0", "0x0040/0xffc0", "0x0080/0xff80", "0x0100/0xff00", "0x0200/0xfe00",
        "0x0400/0xfc00", "0x0800/0xf800", "0x1000/0xf000", "0x2000/0xe000", "0x4000/0xc000", "0x8000/0x8000"),
        FlowCompiler.portMasks(new PortRange(1, 65535)));
    Random random = new Random(18);
    for (int n = 0; n < 300; n++) {
      int a = 1 + random.nextInt(65535);
      int b = 1 + random.nextInt(65535);
      PortRange r = new PortRange(Math.min(a, b), Math.max(a, b));
      boolean[] covered = new boolean[65536];
      for (String m : FlowCompiler.portMasks(r)) {
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
    assertEquals(List.of("0.0.0.0/0"), FlowCompiler.cidrs(new AddressRange(BigInteger.ZERO,
        BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE), 32)));
    assertEquals(List.of("::/0"), FlowCompiler.cidrs(new AddressRange(BigInteger.ZERO,
        BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), 128)));
    Random random = new Random(18);
    for (int n = 0; n < 300; n++) {
      long a = random.nextInt(4096);
      long b = random.nextInt(4096);
      BigInteger base = IpAddresses.parse("10.20.0.0").value();
      AddressRange r = new AddressRange(base.add(BigInteger.valueOf(Math.min(a, b))),
          base.add(BigInteger.valueOf(Math.max(a, b))), 32);
      List<String> cidrs = FlowCompiler.cidrs(r);
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
