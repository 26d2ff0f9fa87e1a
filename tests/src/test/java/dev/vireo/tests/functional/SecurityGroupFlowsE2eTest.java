package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.secgroup.FlowCompiler;
import dev.vireo.server.secgroup.FlowCompiler.Nic;
import dev.vireo.server.secgroup.SecurityRules;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import dev.vireo.tests.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The flows {@link FlowCompiler} writes, loaded with {@code ovs-ofctl --bundle add-flows} into a
 * real Open vSwitch (userspace datapath) and traced with {@code ofproto/trace}: a group allowing
 * ICMP from one address and TCP 22 from anywhere, an empty group, anti-spoofing, return traffic, and
 * a replace that removes the ICMP rule. Runs its own ovsdb-server/ovs-vswitchd in a private run
 * directory and database (never the host's), and a bridge {@code vsg<random>}; stops both by PID.
 * No guest: the verdicts are read from the datapath actions of the trace.
 */
@Tag("e2e")
@Timeout(120)
class SecurityGroupFlowsE2eTest {
  static final String MAC = "52:54:00:5e:c0:01";
  static final String TAP = "vm5254005ec001";
  static final String EMPTY_MAC = "52:54:00:5e:c0:02";
  static final String EMPTY_TAP = "vm5254005ec002";

  private Path dir;
  private final List<String> pids = new ArrayList<>();
  private Map<String, String> env;
  private String bridge;

  @BeforeEach
  void startOvs() throws Exception {
    dir = Files.createTempDirectory(Path.of("/tmp"), "vsg");
    env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_DBDIR", dir.toString(), "OVS_LOGDIR", dir.toString());
    bridge = "vsg" + UUID.randomUUID().toString().substring(0, 6);
    sh("ovsdb-tool create " + dir + "/conf.db /usr/share/openvswitch/vswitch.ovsschema");
    sh("ovsdb-server " + dir + "/conf.db --remote=punix:" + dir + "/db.sock --pidfile=" + dir
        + "/ovsdb-server.pid --detach --log-file=" + dir + "/ovsdb-server.log");
    pids.add(Files.readString(dir.resolve("ovsdb-server.pid")).strip());
    sh(vsctl() + " --no-wait init");
    sh("ovs-vswitchd unix:" + dir + "/db.sock --pidfile=" + dir + "/ovs-vswitchd.pid --detach --log-file="
        + dir + "/ovs-vswitchd.log");
    pids.add(0, Files.readString(dir.resolve("ovs-vswitchd.pid")).strip());
    sh(vsctl() + " add-br " + bridge + " -- set bridge " + bridge + " datapath_type=netdev"
        + " -- add-port " + bridge + " " + TAP + " -- set interface " + TAP + " type=internal"
        + " -- add-port " + bridge + " " + EMPTY_TAP + " -- set interface " + EMPTY_TAP + " type=internal");
  }

  @AfterEach
  void stopOvs() throws Exception {
    if (bridge != null && !pids.isEmpty()) {
      Commands.run(List.of("bash", "-c", vsctl() + " --timeout=5 del-br " + bridge), env, 20);
    }
    for (String pid : pids) {
      Commands.run(List.of("kill", "-TERM", pid), 10);
      for (int i = 0; i < 50 && Commands.run(List.of("kill", "-0", pid), 10).exitCode() == 0; i++) {
        Thread.sleep(100);
      }
    }
    Commands.run(List.of("rm", "-rf", dir.toString()), 10);
  }

  @Test
  void icmpFromOneAddressAndSshAreAllowedTheRestDropsAndAnEmptyGroupDropsAll() throws Exception {
    List<RuleSpec> web = List.of(
        new RuleSpec("ingress", "icmpv4", null, null, "10.0.0.9", null, "accept", "high", null),
        new RuleSpec("ingress", "tcp", "22", null, "0.0.0.0/0", null, "accept", null, null),
        new RuleSpec("egress", "all", null, null, "0.0.0.0/0", null, "accept", null, null));
    Nic nic = new Nic(TAP, MAC, List.of("10.0.0.5"), 7);
    Nic empty = new Nic(EMPTY_TAP, EMPTY_MAC, List.of("10.0.0.6"), 8);
    load(FlowCompiler.baseFlows());
    load(FlowCompiler.compile(nic, rules(web)));
    load(FlowCompiler.compile(empty, List.of()));

    assertAllowed(toVm(MAC, "icmp", "10.0.0.9", "10.0.0.5", ""), "trk,new");
    assertDropped(toVm(MAC, "icmp", "10.0.0.8", "10.0.0.5", ""), "trk,new");
    assertAllowed(toVm(MAC, "tcp", "192.0.2.1", "10.0.0.5", ",tcp_dst=22"), "trk,new");
    assertDropped(toVm(MAC, "tcp", "192.0.2.1", "10.0.0.5", ",tcp_dst=23"), "trk,new");
    // return traffic of a connection the VM opened: no ingress rule needed
    assertPasses(toVm(MAC, "tcp", "192.0.2.1", "10.0.0.5", ",tcp_dst=40000"), "trk,est");
    // from the VM: its own address passes egress; a spoofed source or a DHCP server reply does not
    assertAllowed(fromVm(TAP, MAC, "udp", "10.0.0.5", "192.0.2.1", ",udp_src=5000,udp_dst=53"), "trk,new");
    assertDropped(fromVm(TAP, MAC, "udp", "10.0.0.77", "192.0.2.1", ",udp_src=5000,udp_dst=53"), "trk,new");
    assertDropped(fromVm(TAP, "52:54:00:00:00:99", "udp", "10.0.0.5", "192.0.2.1", ",udp_src=5000,udp_dst=53"), "trk,new");
    assertDropped(fromVm(TAP, MAC, "udp", "10.0.0.5", "255.255.255.255", ",udp_src=67,udp_dst=68"), "trk,new");
    // the empty group: nothing in, nothing out
    assertDropped(toVm(EMPTY_MAC, "icmp", "10.0.0.9", "10.0.0.6", ""), "trk,new");
    assertDropped(toVm(EMPTY_MAC, "tcp", "10.0.0.9", "10.0.0.6", ",tcp_dst=22"), "trk,new");
    assertDropped(fromVm(EMPTY_TAP, EMPTY_MAC, "udp", "10.0.0.6", "192.0.2.1", ",udp_src=5000,udp_dst=53"), "trk,new");

    // replace: the ICMP rule goes, atomically, without touching the other NIC's flows
    int before = flowCount();
    load(FlowCompiler.compile(nic, rules(web.subList(1, 3))));
    assertEquals(before - 1, flowCount());
    assertDropped(toVm(MAC, "icmp", "10.0.0.9", "10.0.0.5", ""), "trk,new");
    assertAllowed(toVm(MAC, "tcp", "192.0.2.1", "10.0.0.5", ",tcp_dst=22"), "trk,new");
    assertDropped(toVm(EMPTY_MAC, "tcp", "10.0.0.9", "10.0.0.6", ",tcp_dst=22"), "trk,new");
  }

  private static List<Rule> rules(List<RuleSpec> specs) {
    return SecurityRules.ordered(List.of(SecurityRules.check("web", 0, "rules", specs, Map.of(), Map.of())));
  }

  private static String toVm(String mac, String proto, String src, String dst, String ports) {
    return proto + ",in_port=LOCAL,dl_src=02:00:00:00:00:01,dl_dst=" + mac + ",nw_src=" + src + ",nw_dst=" + dst + ports;
  }

  private static String fromVm(String tap, String mac, String proto, String src, String dst, String ports) {
    return proto + ",in_port=" + tap + ",dl_src=" + mac + ",dl_dst=02:00:00:00:00:01,nw_src=" + src + ",nw_dst=" + dst + ports;
  }

  /** The datapath actions after conntrack answered {@code ctState}. */
  private String actions(String flow, String ctState) {
    String out = sh("ovs-appctl ofproto/trace " + bridge + " '" + flow + "' --ct-next '" + ctState + "'");
    List<String> lines = out.lines().filter(l -> l.startsWith("Datapath actions:")).toList();
    assertTrue(!lines.isEmpty(), out);
    return lines.get(lines.size() - 1).substring("Datapath actions:".length()).strip();
  }

  private void assertAllowed(String flow, String ctState) {
    String a = actions(flow, ctState);
    assertTrue(a.startsWith("ct(commit,zone="), flow + " → " + a);
  }

  private void assertPasses(String flow, String ctState) {
    String a = actions(flow, ctState);
    assertTrue(!a.equals("drop") && !a.startsWith("ct("), flow + " → " + a);
  }

  private void assertDropped(String flow, String ctState) {
    assertEquals("drop", actions(flow, ctState), flow);
  }

  private void load(String flows) throws Exception {
    Path f = Files.createTempFile(dir, "flows", ".txt");
    Files.writeString(f, flows);
    sh("ovs-ofctl --bundle add-flows " + bridge + " " + f);
  }

  private int flowCount() {
    return (int) sh("ovs-ofctl --no-names dump-flows " + bridge).lines().filter(l -> l.contains("actions=")).count();
  }

  private String vsctl() {
    return "ovs-vsctl --db=unix:" + dir + "/db.sock";
  }

  private String sh(String command) {
    Commands.Result r = Commands.run(List.of("bash", "-c", command), env, 60);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(command + " exited " + r.exitCode() + ": " + r.output());
    }
    return r.output();
  }
}
