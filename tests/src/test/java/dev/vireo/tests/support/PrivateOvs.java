package dev.vireo.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Open vSwitch of a test's own: ovsdb-server and ovs-vswitchd (userspace datapath) with their
 * database, sockets and logs in a temporary directory, and one bridge with a random name. Never the
 * host's daemons: every tool gets {@code OVS_RUNDIR} of this directory ({@link #env}). ovs-vswitchd
 * runs in a network namespace of its own (named like the bridge): the userspace datapath creates a
 * device {@code ovs-netdev}, of which a namespace holds one, so two private switches (two engineers'
 * tests) would otherwise break each other. The tools reach it through its unix sockets. {@link
 * #close} stops both daemons by the PIDs they wrote and deletes the namespace; safe after a failed
 * start.
 */
public final class PrivateOvs implements AutoCloseable {
  private final Path dir;
  private final Map<String, String> env;
  private final List<String> pids = new ArrayList<>();
  private final String bridge;
  private boolean netns;

  /** Starts the daemons and creates bridge {@code <prefix><6 random hex>} (datapath netdev). */
  public PrivateOvs(String prefix) throws Exception {
    dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
    env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_DBDIR", dir.toString(), "OVS_LOGDIR", dir.toString());
    bridge = prefix + UUID.randomUUID().toString().substring(0, 6);
    try {
      sh("ovsdb-tool create " + dir + "/conf.db /usr/share/openvswitch/vswitch.ovsschema");
      sh("ovsdb-server " + dir + "/conf.db --remote=punix:" + dir + "/db.sock --pidfile=" + dir
          + "/ovsdb-server.pid --detach --log-file=" + dir + "/ovsdb-server.log");
      pids.add(Files.readString(dir.resolve("ovsdb-server.pid")).strip());
      sh(vsctl() + " --no-wait init");
      sh("ip netns add " + bridge);
      netns = true;
      sh("ip netns exec " + bridge + " ovs-vswitchd unix:" + dir + "/db.sock --pidfile=" + dir + "/ovs-vswitchd.pid --detach --log-file="
          + dir + "/ovs-vswitchd.log");
      pids.add(0, Files.readString(dir.resolve("ovs-vswitchd.pid")).strip());
      sh(vsctl() + " add-br " + bridge + " -- set bridge " + bridge + " datapath_type=netdev");
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  public Map<String, String> env() {
    return env;
  }

  public String bridge() {
    return bridge;
  }

  public Path dir() {
    return dir;
  }

  /** {@code ovs-vsctl} on this database. */
  public String vsctl() {
    return "ovs-vsctl --db=unix:" + dir + "/db.sock";
  }

  /** Adds internal ports (they get an OpenFlow port at once, like a VM's tap). */
  public void addInternalPorts(String... names) {
    StringBuilder cmd = new StringBuilder(vsctl());
    for (String n : names) {
      cmd.append(" -- add-port ").append(bridge).append(' ').append(n)
          .append(" -- set interface ").append(n).append(" type=internal");
    }
    sh(cmd.toString());
  }

  public void deletePort(String name) {
    sh(vsctl() + " del-port " + bridge + " " + name);
  }

  /** The bridge's flows with that cookie ({@code --no-names}), one per line. */
  public List<String> flows(String cookie) {
    return sh("ovs-ofctl --no-names --no-stats dump-flows " + bridge + " cookie=" + cookie + "/-1").lines()
        .filter(l -> l.contains("actions=")).map(String::strip).toList();
  }

  /** The bridge's flows with their counters. */
  public List<String> flowsWithStats(String match) {
    return sh("ovs-ofctl --no-names dump-flows " + bridge + " " + match).lines()
        .filter(l -> l.contains("actions=")).map(String::strip).toList();
  }

  /** The datapath actions {@code ofproto/trace} gives for a flow after conntrack answered {@code ctState}. */
  public String traceActions(String flow, String ctState) {
    String out = sh("ovs-appctl ofproto/trace " + bridge + " '" + flow + "' --ct-next '" + ctState + "'");
    List<String> lines = out.lines().filter(l -> l.startsWith("Datapath actions:")).toList();
    if (lines.isEmpty()) {
      throw new AssertionError("no datapath actions in trace: " + out);
    }
    return lines.get(lines.size() - 1).substring("Datapath actions:".length()).strip();
  }

  /** Sends a real packet (described as an OpenFlow flow) from {@code inPort} through the tables. */
  public void packetOut(String inPort, String packet) {
    String hex = sh("ovs-ofctl compose-packet '" + packet + "'").lines()
        .map(l -> l.length() > 10 ? l.substring(10, Math.min(l.length(), 58)) : "")
        .reduce("", String::concat).replaceAll("[ -]", "");
    sh("ovs-ofctl packet-out " + bridge + " " + inPort + " table " + hex);
  }

  /** The userspace conntrack entries of a zone. */
  public List<String> conntrack(int zone) {
    return sh("ovs-appctl dpctl/dump-conntrack zone=" + zone).lines().filter(l -> !l.isBlank()).toList();
  }

  /** Runs a shell command with this OVS's environment; fails on a non-zero exit. */
  public String sh(String command) {
    Commands.Result r = Commands.run(List.of("bash", "-c", command), env, 120);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(command + " exited " + r.exitCode() + ": " + r.output());
    }
    return r.output();
  }

  @Override
  public void close() throws Exception {
    if (!pids.isEmpty()) {
      Commands.run(List.of("bash", "-c", vsctl() + " --timeout=5 del-br " + bridge), env, 20);
    }
    for (String pid : pids) {
      Commands.run(List.of("kill", "-TERM", pid), 10);
      for (int i = 0; i < 50 && Commands.run(List.of("kill", "-0", pid), 10).exitCode() == 0; i++) {
        Thread.sleep(100);
      }
    }
    if (netns) {
      Commands.run(List.of("ip", "netns", "del", bridge), 10);
    }
    Commands.run(List.of("rm", "-rf", dir.toString()), 10);
  }
}
