package dev.vireo.tests.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A machine outside the platform for traffic tests: a network namespace {@code <lab>-cl} with one
 * interface {@code cl0} plugged into the lab's switch namespace as an access port of one VLAN, with
 * the addresses the test gives it. It talks to guests like a user's host on the same VLAN would.
 * Tools: busybox applets (ping with {@code -I} source, httpd; installed with the tests), curl and
 * ethtool (its transmit checksum offload is off: the lab switch runs the userspace datapath).
 * {@link #close} removes the namespace and the switch port, also after a failed test.
 */
public final class LabClientNamespace implements AutoCloseable {
  private final MultiNodeLab lab;
  private final String ns;
  private final String switchPort;

  private LabClientNamespace(MultiNodeLab lab, String ns, String switchPort) {
    this.lab = lab;
    this.ns = ns;
    this.switchPort = switchPort;
  }

  /** Creates the namespace on VLAN {@code vlan} with {@code addresses} (CIDR notation, first is primary). */
  public static LabClientNamespace create(MultiNodeLab lab, int vlan, String... addresses) throws IOException {
    String ns = lab.name() + "-cl";
    String switchPort = lab.bridge() + "-c0";
    LabClientNamespace client = new LabClientNamespace(lab, ns, switchPort);
    client.close(); // what a killed run left (same names: only ever ours)
    try {
      Commands.check(List.of("ip", "netns", "add", ns), 10);
      Commands.check(List.of("ip", "link", "add", switchPort, "type", "veth", "peer", "name", "cl0", "netns", ns), 10);
      String sw = lab.holder("sw");
      Commands.check(List.of("ip", "link", "set", switchPort, "netns", sw), 10);
      Commands.check(List.of("nsenter", "-t", sw, "-m", "-n", "ovs-vsctl", "--may-exist", "add-port", "br-sw",
          switchPort, "tag=" + vlan), 20);
      Commands.check(List.of("nsenter", "-t", sw, "-n", "ip", "link", "set", switchPort, "up"), 10);
      client.exec("ip", "link", "set", "lo", "up");
      for (String a : addresses) {
        client.exec("ip", "addr", "add", a, "dev", "cl0");
      }
      client.exec("sysctl", "-qw", "net.ipv6.conf.cl0.disable_ipv6=1");
      // The switch runs Open vSwitch's userspace datapath, which does not finish offloaded checksums.
      client.exec("ethtool", "-K", "cl0", "tx", "off");
      client.exec("ip", "link", "set", "cl0", "up");
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Runs a command in the namespace; fails on a non-zero exit. */
  public String exec(String... command) {
    return Commands.check(inNs(command), 60);
  }

  /** Runs a command in the namespace and returns its exit code and output. */
  public Commands.Result run(long timeoutSeconds, String... command) {
    return Commands.run(inNs(command), timeoutSeconds);
  }

  private List<String> inNs(String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(command));
    return cmd;
  }

  /** {@code ping -c count} from source address {@code from}: true when any reply came back. */
  public boolean ping(String from, String to, int count) {
    return run(10L + 2L * count, "busybox", "ping", "-c", String.valueOf(count), "-W", "2", "-I", from, to)
        .exitCode() == 0;
  }

  /** The body of {@code http://host:port/} or null when no answer came within 3 s. */
  public String httpGet(String host, int port) {
    // curl, not busybox wget: the static busybox's wget crashes (SIGSEGV) on this host.
    Commands.Result r = run(15, "curl", "-s", "-m", "3", "http://" + host + ":" + port + "/");
    if (r.exitCode() != 0) {
      System.out.println("curl http://" + host + ":" + port + "/ from " + ns + ": exit " + r.exitCode() + " " + r.output());
      return null;
    }
    return r.output();
  }

  /** What the test should see when a check fails: addresses, neighbours and the switch's ports. */
  public String diagnostics() {
    StringBuilder out = new StringBuilder();
    out.append(run(10, "ip", "addr").output()).append(run(10, "ip", "neigh").output());
    try {
      out.append(Commands.run(List.of("nsenter", "-t", lab.holder("sw"), "-m", "-n", "ovs-vsctl", "show"), 20).output());
    } catch (IOException e) {
      out.append(e);
    }
    return out.toString();
  }

  /** The namespace's name (for {@code ip netns exec} in a test's own background commands). */
  public String namespace() {
    return ns;
  }

  /** Removes the namespace and the switch port (idempotent; never fails the test). */
  @Override
  public void close() {
    try {
      Commands.run(List.of("nsenter", "-t", lab.holder("sw"), "-m", "-n", "ovs-vsctl", "--if-exists", "del-port",
          "br-sw", switchPort), 20);
    } catch (IOException | RuntimeException e) {
      System.err.println("removing switch port " + switchPort + ": " + e);
    }
    Commands.run(List.of("ip", "netns", "del", ns), 10);
    Commands.run(List.of("ip", "link", "del", switchPort), 10);
  }
}
