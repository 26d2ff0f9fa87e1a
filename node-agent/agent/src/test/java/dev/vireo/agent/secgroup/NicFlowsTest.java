package dev.vireo.agent.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicFlowsTest {
  static final String MAC = "52:54:00:5e:c0:01";
  static final String TAP = "vm5254005ec001";

  @Test
  void aSmallFilterGivesTheServersTablesUnderTheNicsCookie() {
    NicFilter f = new NicFilter(MAC, List.of("10.0.0.5"), List.of(
        new FilterRule("INGRESS", 0, "icmp,nw_src=10.0.0.9", true),
        new FilterRule("EGRESS", 0, "ip", true)));
    String c = "add cookie=0x5356000000000007,";
    assertEquals("delete cookie=0x5356000000000007/-1\n"
        + c + "table=0,priority=300,in_port=vm5254005ec001,udp,tp_src=67,actions=drop\n"
        + c + "table=0,priority=300,in_port=vm5254005ec001,udp6,tp_src=547,actions=drop\n"
        + c + "table=0,priority=200,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,arp,arp_spa=10.0.0.5,"
        + "arp_sha=52:54:00:5e:c0:01,actions=NORMAL\n"
        + c + "table=0,priority=200,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,ip,nw_src=10.0.0.5,"
        + "actions=ct(table=1,zone=7)\n"
        + c + "table=0,priority=210,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,icmp6,icmp_type=133,actions=NORMAL\n"
        + c + "table=0,priority=210,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,icmp6,icmp_type=135,actions=NORMAL\n"
        + c + "table=0,priority=210,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,icmp6,icmp_type=136,actions=NORMAL\n"
        + c + "table=0,priority=210,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,udp,nw_src=0.0.0.0,tp_src=68,"
        + "tp_dst=67,actions=NORMAL\n"
        + c + "table=0,priority=210,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,udp,nw_src=10.0.0.5,tp_src=68,"
        + "tp_dst=67,actions=NORMAL\n"
        + c + "table=0,priority=210,in_port=vm5254005ec001,dl_src=52:54:00:5e:c0:01,udp6,ipv6_src=fe80::/10,"
        + "tp_src=546,tp_dst=547,actions=NORMAL\n"
        + c + "table=0,priority=100,in_port=vm5254005ec001,actions=drop\n"
        + c + "table=1,priority=60002,in_port=vm5254005ec001,ct_state=+trk+inv,actions=drop\n"
        + c + "table=1,priority=60001,in_port=vm5254005ec001,ct_state=+trk+est,actions=resubmit(,2)\n"
        + c + "table=1,priority=60001,in_port=vm5254005ec001,ct_state=+trk+rel,actions=resubmit(,2)\n"
        + c + "table=1,priority=60000,in_port=vm5254005ec001,ct_state=+trk+new,ip,actions=ct(commit,zone=7),resubmit(,2)\n"
        + c + "table=1,priority=1,in_port=vm5254005ec001,actions=drop\n"
        + c + "table=2,priority=210,dl_dst=52:54:00:5e:c0:01,arp,actions=NORMAL\n"
        + c + "table=2,priority=210,dl_dst=52:54:00:5e:c0:01,icmp6,icmp_type=134,actions=NORMAL\n"
        + c + "table=2,priority=210,dl_dst=52:54:00:5e:c0:01,icmp6,icmp_type=135,actions=NORMAL\n"
        + c + "table=2,priority=210,dl_dst=52:54:00:5e:c0:01,icmp6,icmp_type=136,actions=NORMAL\n"
        + c + "table=2,priority=210,dl_dst=52:54:00:5e:c0:01,udp,tp_src=67,tp_dst=68,actions=NORMAL\n"
        + c + "table=2,priority=210,dl_dst=52:54:00:5e:c0:01,udp6,tp_src=547,tp_dst=546,actions=NORMAL\n"
        + c + "table=2,priority=200,dl_dst=52:54:00:5e:c0:01,ip,actions=ct(table=3,zone=7)\n"
        + c + "table=2,priority=200,dl_dst=52:54:00:5e:c0:01,ipv6,actions=ct(table=3,zone=7)\n"
        + c + "table=2,priority=100,dl_dst=52:54:00:5e:c0:01,actions=drop\n"
        + c + "table=3,priority=60002,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+inv,actions=drop\n"
        + c + "table=3,priority=60001,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+est,actions=NORMAL\n"
        + c + "table=3,priority=60001,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+rel,actions=NORMAL\n"
        + c + "table=3,priority=60000,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+new,icmp,nw_src=10.0.0.9,"
        + "actions=ct(commit,zone=7),NORMAL\n"
        + c + "table=3,priority=1,dl_dst=52:54:00:5e:c0:01,actions=drop\n",
        NicFlows.full(f, TAP, 7));
  }

  @Test
  void aLowerRankIsAHigherPriorityAndMatchesOfOneRuleShareIt() {
    NicFilter f = new NicFilter(MAC, List.of(), List.of(
        new FilterRule("INGRESS", 0, "tcp,tp_dst=22", true),
        new FilterRule("INGRESS", 1, "tcp,nw_src=10.0.0.0/24,tp_dst=0x0050/0xfff0", false),
        new FilterRule("INGRESS", 1, "tcp6,ipv6_src=fd00::/64,tp_dst=0x0050/0xfff0", false),
        new FilterRule("INGRESS", 2, "udp", true)));
    String text = NicFlows.full(f, TAP, 3);
    assertTrue(text.contains("table=3,priority=60000,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+new,tcp,tp_dst=22,"
        + "actions=ct(commit,zone=3),NORMAL\n"), text);
    assertTrue(text.contains("table=3,priority=59999,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+new,tcp,"
        + "nw_src=10.0.0.0/24,tp_dst=0x0050/0xfff0,actions=drop\n"), text);
    assertTrue(text.contains("table=3,priority=59999,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+new,tcp6,"
        + "ipv6_src=fd00::/64,tp_dst=0x0050/0xfff0,actions=drop\n"), text);
    assertTrue(text.contains("table=3,priority=59998,dl_dst=52:54:00:5e:c0:01,ct_state=+trk+new,udp,"
        + "actions=ct(commit,zone=3),NORMAL\n"), text);
    assertTrue(text.lines().noneMatch(l -> l.contains("table=1,") && l.contains("+trk+new")), "no egress rule");
  }

  @Test
  void noRulesLeaveOnlyTheStatefulFlowsAndTheDrops() {
    String text = NicFlows.full(new NicFilter(MAC, List.of("10.0.0.6"), List.of()), TAP, 8);
    assertTrue(!text.contains("+trk+new"), text);
    assertTrue(!text.contains("ct(commit"), text);
    assertTrue(text.contains("table=1,priority=1,in_port=" + TAP + ",actions=drop"), text);
    assertTrue(text.contains("table=3,priority=1,dl_dst=" + MAC + ",actions=drop"), text);
    assertEquals(30 - 2, NicFlows.countAdds(text), "the golden filter's flows without its two rules");
  }

  @Test
  void anIpv6AddressAllowsItsSourceButNoArp() {
    String text = NicFlows.full(new NicFilter(MAC, List.of("fd00::5"), List.of()), TAP, 9);
    assertTrue(text.contains("table=0,priority=200,in_port=" + TAP + ",dl_src=" + MAC + ",ipv6,ipv6_src=fd00::5,"
        + "actions=ct(table=1,zone=9)\n"), text);
    assertTrue(!text.contains("arp_spa"), text);
  }

  @Test
  void thePlaceholderDropsTheMacFromAnyPortAndFiltersIngressWithoutNamingATap() {
    NicFilter f = new NicFilter(MAC, List.of("10.0.0.5"), List.of(
        new FilterRule("INGRESS", 0, "tcp,tp_dst=22", true),
        new FilterRule("EGRESS", 0, "ip", true)));
    String text = NicFlows.placeholder(f, 7);
    assertTrue(text.startsWith("delete cookie=0x5356000000000007/-1\n"
        + "add cookie=0x5356000000000007,table=0,priority=150,dl_src=52:54:00:5e:c0:01,actions=drop\n"), text);
    assertTrue(!text.contains("in_port"), text);
    assertTrue(!text.contains("table=1"), text);
    assertTrue(text.contains("table=3,priority=60000,dl_dst=" + MAC + ",ct_state=+trk+new,tcp,tp_dst=22,"), text);
    String full = NicFlows.full(f, TAP, 7);
    assertEquals(full.substring(full.indexOf("add cookie=0x5356000000000007,table=2,")),
        text.substring(text.indexOf("add cookie=0x5356000000000007,table=2,")), "same ingress as the full set");
  }

  @Test
  void baseFlowsSendUplinkTrafficPastTheAntiSpoofingTable() {
    assertEquals("add table=0,priority=1,actions=resubmit(,2)\n"
        + "add table=2,priority=0,actions=NORMAL\n"
        + "add table=0,priority=65000,in_port=eth1,actions=resubmit(,2)\n", NicFlows.base(List.of("eth1")));
  }
}
