package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.libvirt.DomainXmlBuilder;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import dev.vireo.agent.protocol.NicFiltersReply;
import dev.vireo.agent.secgroup.NicFilters;
import dev.vireo.agent.secgroup.NicFlows;
import dev.vireo.agent.secgroup.OvsCli;
import dev.vireo.agent.secgroup.TapMonitor;
import dev.vireo.tests.support.PrivateOvs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's NIC filters ({@link NicFilters} with {@link OvsCli} and {@link TapMonitor}, driven
 * directly, no HTTP agent) on a real Open vSwitch of the test's own (userspace datapath): a filter
 * for a NIC whose tap is not there yet installs the fail-closed placeholder; the tap appearing (an
 * internal port named like libvirt's tap) brings the full flows within a second; an update that
 * removes an accept rule ends a real committed connection (conntrack zone flushed); remove leaves
 * no flow of the NIC. Verdicts come from {@code ofproto/trace} and from packets sent with
 * {@code ovs-ofctl packet-out} through the datapath's conntrack.
 */
@Tag("e2e")
@Timeout(120)
class NicFiltersE2eTest {
  static final String MAC = "52:54:00:5e:c1:01";
  static final String TAP = DomainXmlBuilder.tapName(MAC);
  static final String UPLINK = "upl0";
  static final String PEER = "02:00:00:00:00:01";
  static final FilterRule ICMP_FROM_9 = new FilterRule("INGRESS", 0, "icmp,nw_src=10.0.0.9", true);
  static final FilterRule SSH = new FilterRule("INGRESS", 1, "tcp,tp_dst=22", true);
  static final FilterRule UDP_FROM_9 = new FilterRule("INGRESS", 2, "udp,nw_src=10.0.0.9", true);
  static final FilterRule EGRESS_ALL = new FilterRule("EGRESS", 0, "ip", true);

  private PrivateOvs ovs;
  private NicFilters filters;
  private TapMonitor monitor;

  @BeforeEach
  void start() throws Exception {
    ovs = new PrivateOvs("vnf");
    ovs.addInternalPorts(UPLINK);
    OvsCli cli = new OvsCli(ovs.env());
    filters = new NicFilters(cli, () -> List.of(UPLINK), ovs.dir().resolve("nic-filters.json"));
    monitor = new TapMonitor(cli.interfaceMonitor(), cli.env(), () -> filters.reconcile(false)).start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (monitor != null) {
        monitor.close();
      }
    } finally {
      if (ovs != null) {
        ovs.close();
      }
    }
  }

  @Test
  void pendingPlaceholderThenFullFlowsWhenTheTapAppearsThenNarrowingCutsAnEstablishedConnection() throws Exception {
    NicFiltersReply pending = filters.apply(command(ICMP_FROM_9, SSH, UDP_FROM_9, EGRESS_ALL));
    assertEquals(List.of(MAC), pending.pending());
    int zone = filters.zones().get(MAC);
    String cookie = NicFlows.cookie(zone);
    assertTrue(ovs.flows(cookie).stream().noneMatch(f -> f.contains("in_port")), "no flow names the missing tap");
    // placeholder: the VM's MAC from a local port drops, from the uplink it is a remote VM's and passes
    assertEquals("drop", ovs.traceActions(fromPort("LOCAL", "10.0.0.5"), "trk,new"));
    assertTrue(!ovs.traceActions(fromPort(UPLINK, "10.0.0.5"), "trk,new").equals("drop"));
    // ingress is filtered already
    assertTrue(ovs.traceActions(toVm("icmp", "10.0.0.9", ""), "trk,new").startsWith("ct(commit,zone=" + zone));
    assertEquals("drop", ovs.traceActions(toVm("icmp", "10.0.0.8", ""), "trk,new"));

    long added = System.nanoTime();
    ovs.addInternalPorts(TAP);
    while (ovs.flows(cookie).stream().noneMatch(f -> f.contains("table=1,"))) {
      assertTrue(System.nanoTime() - added < 1_000_000_000L, "full flows within 1 s of the tap appearing");
      Thread.sleep(20);
    }
    System.out.printf("full flows %d ms after the tap was added%n", (System.nanoTime() - added) / 1_000_000);
    assertTrue(ovs.flows(cookie).stream().noneMatch(f -> f.contains("priority=150")), "placeholder replaced");
    assertTrue(ovs.traceActions(fromPort(TAP, "10.0.0.5"), "trk,new").startsWith("ct(commit,zone=" + zone));
    assertEquals("drop", ovs.traceActions(fromPort(TAP, "10.0.0.77"), "trk,new"), "spoofed source");
    assertTrue(ovs.traceActions(toVm("tcp", "192.0.2.1", ",tcp_dst=22"), "trk,new").startsWith("ct(commit"));
    assertEquals("drop", ovs.traceActions(toVm("tcp", "192.0.2.1", ",tcp_dst=23"), "trk,new"));
    // DHCP: the guest's DISCOVER from 0.0.0.0 and the server's unicast OFFER pass without rules; the
    // guest acting as a DHCP server does not
    assertTrue(!ovs.traceActions("udp,in_port=" + TAP + ",dl_src=" + MAC + ",dl_dst=ff:ff:ff:ff:ff:ff,nw_src=0.0.0.0,"
        + "nw_dst=255.255.255.255,udp_src=68,udp_dst=67", "trk,new").equals("drop"));
    assertTrue(!ovs.traceActions(toVm("udp", "10.0.0.1", ",udp_src=67,udp_dst=68"), "trk,new").equals("drop"));
    assertEquals("drop", ovs.traceActions(fromPort(TAP, "10.0.0.5").replace("udp_src=5000", "udp_src=67"), "trk,new"));

    // a real UDP "connection": 10.0.0.9 -> VM committed, the VM answers, the next packet is established
    ovs.packetOut("LOCAL", udp(PEER, MAC, "10.0.0.9", "10.0.0.5", 5000, 53));
    ovs.packetOut(TAP, udp(MAC, PEER, "10.0.0.5", "10.0.0.9", 53, 5000));
    ovs.packetOut("LOCAL", udp(PEER, MAC, "10.0.0.9", "10.0.0.5", 5000, 53));
    assertEquals(1, ovs.conntrack(zone).size(), ovs.conntrack(zone).toString());
    assertEquals(1, packets(cookie, "ct_state=+est+trk"), "passed as established");

    // narrowing: the UDP accept goes; the zone is flushed, so the same flow is new again and drops
    NicFiltersReply narrowed = filters.apply(command(ICMP_FROM_9, SSH, EGRESS_ALL));
    assertEquals(List.of(MAC), narrowed.applied());
    assertEquals(List.of(), ovs.conntrack(zone), "zone flushed");
    ovs.packetOut("LOCAL", udp(PEER, MAC, "10.0.0.9", "10.0.0.5", 5000, 53));
    assertEquals(0, packets(cookie, "ct_state=+est+trk"));
    assertEquals(1, packets(cookie, "priority=1,"), "dropped by the final drop");
    assertEquals("drop", ovs.traceActions(toVm("udp", "10.0.0.9", ",udp_dst=53"), "trk,new"));

    // the tap goes (VM stopped): back to the placeholder, still wanted
    ovs.deletePort(TAP);
    long deleted = System.nanoTime();
    while (ovs.flows(cookie).stream().noneMatch(f -> f.contains("priority=150"))) {
      assertTrue(System.nanoTime() - deleted < 2_000_000_000L, "placeholder after the tap went");
      Thread.sleep(20);
    }
    assertTrue(ovs.flows(cookie).stream().noneMatch(f -> f.contains("in_port")));

    filters.apply(new ApplyNicFiltersCommand(List.of(), List.of(MAC)));
    assertEquals(List.of(), ovs.flows(cookie), "no flow of the removed NIC");
    assertEquals(Map.of(), filters.zones());
  }

  /** Packets counted by the NIC's table-3 flows whose text contains {@code part}. */
  @Test
  void lostFlowsComeBackByVerifyAndAfterAnAgentRestartWithTheSameZones() throws Exception {
    String other = "52:54:00:5e:c1:02";
    ovs.addInternalPorts(TAP);
    filters.apply(new ApplyNicFiltersCommand(List.of(new NicFilter(other, List.of("10.0.0.6"), List.of()),
        new NicFilter(MAC, List.of("10.0.0.5"), List.of(SSH, EGRESS_ALL))), List.of()));
    Map<String, Integer> zones = filters.zones();
    List<String> before = ovs.flows(NicFlows.cookie(zones.get(MAC))).stream().sorted().toList();
    ovs.sh("ovs-ofctl del-flows " + ovs.bridge()); // as after an ovs-vswitchd restart without its flows
    filters.verify();
    assertEquals(before, ovs.flows(NicFlows.cookie(zones.get(MAC))).stream().sorted().toList(), "verify repaired");
    monitor.close();
    ovs.sh("ovs-ofctl del-flows " + ovs.bridge()); // drift: someone wiped the bridge while no agent ran

    NicFilters restarted = new NicFilters(new OvsCli(ovs.env()), () -> List.of(UPLINK),
        ovs.dir().resolve("nic-filters.json"));
    restarted.reconcile(true);
    assertEquals(zones, restarted.zones());
    assertEquals(before, ovs.flows(NicFlows.cookie(zones.get(MAC))).stream().sorted().toList());
    assertTrue(ovs.flows(NicFlows.cookie(zones.get(other))).stream().anyMatch(f -> f.contains("priority=150")),
        "the NIC without a tap has its placeholder again");
    assertTrue(ovs.traceActions(toVm("tcp", "192.0.2.1", ",tcp_dst=22"), "trk,new").startsWith("ct(commit"));
  }

  private int packets(String cookie, String part) {
    int n = 0;
    for (String f : ovs.flowsWithStats("cookie=" + cookie + "/-1,table=3")) {
      if (!f.contains(part)) {
        continue;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("n_packets=(\\d+)").matcher(f);
      if (m.find()) {
        n += Integer.parseInt(m.group(1));
      }
    }
    return n;
  }

  private static ApplyNicFiltersCommand command(FilterRule... rules) {
    return new ApplyNicFiltersCommand(List.of(new NicFilter(MAC, List.of("10.0.0.5"), List.of(rules))), List.of());
  }

  private static String udp(String dlSrc, String dlDst, String src, String dst, int sport, int dport) {
    return "udp,dl_src=" + dlSrc + ",dl_dst=" + dlDst + ",nw_src=" + src + ",nw_dst=" + dst + ",nw_ttl=64,udp_src="
        + sport + ",udp_dst=" + dport;
  }

  private static String toVm(String proto, String src, String ports) {
    return proto + ",in_port=LOCAL,dl_src=" + PEER + ",dl_dst=" + MAC + ",nw_src=" + src + ",nw_dst=10.0.0.5" + ports;
  }

  private static String fromPort(String port, String src) {
    return "udp,in_port=" + port + ",dl_src=" + MAC + ",dl_dst=" + PEER + ",nw_src=" + src
        + ",nw_dst=192.0.2.1,udp_src=5000,udp_dst=53";
  }
}
