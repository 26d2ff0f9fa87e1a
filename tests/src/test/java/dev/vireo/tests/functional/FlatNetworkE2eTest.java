package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.command.FenceState;
import dev.vireo.agent.devices.HostDevicesReader;
import dev.vireo.agent.libvirt.LibvirtHypervisor;
import dev.vireo.agent.network.NoCloudSeed;
import dev.vireo.agent.network.OvsNetworks;
import dev.vireo.agent.protocol.CreateSystemDiskCommand;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.GuestSeed;
import dev.vireo.agent.protocol.NetworkReply;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmDefinition;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flat network on real Open vSwitch (userspace datapath) and libvirt, through the agent's
 * {@link CommandExecutor} (ADR 0015): EnsureNetwork makes a bridge for a test uplink (changed,
 * then unchanged; a deleted bridge is repaired from the remembered networks), the test guest boots
 * with one NIC on VLAN 100 and a NoCloud seed (static IP, hostname, DNS, a route, a password
 * hash), and a host port tagged 100 in a namespace pings it while a port tagged 200 cannot.
 *
 * <p>Pings with busybox (the host may have no iputils). Starts its own ovsdb-server/ovs-vswitchd on the default socket (a temporary database) when
 * none runs in this namespace, and stops exactly those by PID afterwards. Every name it makes
 * starts with {@code vnt}.
 */
@Tag("e2e")
@Timeout(400)
class FlatNetworkE2eTest {
  private static final String OVS_SOCKET_DIR = "/var/run/openvswitch";
  private static final String UPLINK = "vnt-up0";
  private static final String MAC = "52:54:00:7e:00:01";
  private static final String HASH =
      "$6$vntsalt12$SdJuXgOaLekgNz89f3oNpbWb/DFUT1dzsemawPBHf33F.E66.KIskcK57WRklU5HDRSYseQ8DuirvNfweWWDz1";

  @TempDir
  Path storage;
  @TempDir
  Path ovsDir;

  private final List<List<String>> cleanups = new ArrayList<>();
  private boolean createdSocketDir;

  @Test
  void aGuestOnVlan100GetsItsSeedAndAnswersOnlyOnItsVlan() throws Exception {
    String uri = System.getProperty("vireo.libvirt.uri", "qemu:///system");
    String domain = "vm-vnt-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> ovsPids = startOvsUnlessRunning();
    try (LibvirtHypervisor libvirt = new LibvirtHypervisor(uri, "auto")) {
      try {
        sh("ip link add " + UPLINK + " type veth peer name vnt-up0p");
        cleanups.add(List.of("ip", "link", "del", UPLINK));
        sh("sysctl -qw net.ipv6.conf." + UPLINK + ".disable_ipv6=1 && ip link set " + UPLINK + " up && ip link set vnt-up0p up");
        Path networksFile = storage.resolve("networks.json");
        cleanups.add(List.of("ovs-vsctl", "--timeout=10", "--if-exists", "del-br", "br-" + UPLINK));
        CommandExecutor agent = new CommandExecutor(libvirt, new DiskTool(), storage, FenceState.NEVER,
            HostDevicesReader.ofThisHost(), OvsNetworks.ofThisHost(networksFile), NoCloudSeed.ofThisHost());

        NetworkReply first = (NetworkReply) agent.execute(new EnsureNetworkCommand("net-vnt", UPLINK, 100));
        assertEquals(new NetworkReply("net-vnt", "br-" + UPLINK, true), first);
        assertEquals(new NetworkReply("net-vnt", "br-" + UPLINK, false),
            agent.execute(new EnsureNetworkCommand("net-vnt", UPLINK, 100)));
        assertEquals("br-" + UPLINK, sh("ovs-vsctl --timeout=10 port-to-br " + UPLINK).strip());
        assertEquals("trunk", sh("ovs-vsctl --timeout=10 get port " + UPLINK + " vlan_mode").strip());
        assertEquals("netdev", sh("ovs-vsctl --timeout=10 get bridge br-" + UPLINK + " datapath_type").strip()
            .replace("\"", ""), "no OVS kernel module here: userspace datapath");

        // drift: the bridge is deleted; a restarted agent re-applies what it remembered
        sh("ovs-vsctl --timeout=10 del-br br-" + UPLINK);
        List<NetworkReply> repaired = OvsNetworks.ofThisHost(networksFile).reapplyRemembered();
        assertEquals(List.of(new NetworkReply("net-vnt", "br-" + UPLINK, true)), repaired);
        assertEquals("br-" + UPLINK, sh("ovs-vsctl --timeout=10 port-to-br " + UPLINK).strip());

        // host ports on the bridge: VLAN 100 (the guest's) and VLAN 200, each in its own namespace
        hostPort("vnt-h100", "vnt-ns100", 100, "10.99.0.1/24");
        sh("ip netns exec vnt-ns100 ip addr add fd00:99::1/64 dev vnt-h100p nodad");
        hostPort("vnt-h200", "vnt-ns200", 200, "10.99.0.2/24");

        Path dir = storage.resolve("vms").resolve(domain);
        Path disk = dir.resolve("system.qcow2");
        agent.execute(new CreateSystemDiskCommand(domain, TestImage.path().toString(), disk.toString(), 1));
        GuestSeed seed = new GuestSeed(domain, "vnt-guest",
            List.of(new GuestSeed.SeedNic(MAC, List.of("10.99.0.5/24", "fd00:99::5/64"), "10.99.0.1", "fd00:99::1",
                List.of(new GuestSeed.SeedRoute("192.168.77.0/24", "10.99.0.254")))),
            List.of("10.99.0.53", "114.114.114.114"), HASH);
        VmDefinition vm = new VmDefinition(domain, domain, "vnt", 1, 128, disk.toString(), "BIOS",
            dir.resolve("nvram.fd").toString(), dir.resolve("console.log").toString(), "127.0.0.1", "vntpass1",
            List.of(new NicDefinition(MAC, "net-vnt", UPLINK, 100)), seed);
        cleanups.add(0, List.of("virsh", "-c", uri, "undefine", domain));
        cleanups.add(0, List.of("virsh", "-c", uri, "destroy", domain));
        agent.execute(new DefineVmCommand(vm));
        assertTrue(Files.size(dir.resolve("seed.img")) > 0, "seed.img next to the system disk");

        String xml = sh("virsh -c " + uri + " dumpxml " + domain);
        assertTrue(xml.contains("<source bridge='br-" + UPLINK + "'/>"), xml);
        assertTrue(xml.contains("<tag id='100'/>"), xml);
        assertTrue(xml.contains("dev='vm5254007e0001'"), xml);

        long t0 = System.nanoTime();
        agent.execute(new StartVmCommand(domain));
        assertEquals(DomainPowerState.RUNNING, libvirt.state(domain));
        assertEquals("100", sh("ovs-vsctl --timeout=10 get port vm5254007e0001 tag").strip(),
            "libvirt created and tagged the port itself");
        assertEquals("br-" + UPLINK, sh("ovs-vsctl --timeout=10 port-to-br vm5254007e0001").strip());

        String console = waitForConsole(dir.resolve("console.log"), "GUEST-READY", 240);
        long readyMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(console.contains("GUEST-READY hostname=vnt-guest ip=10.99.0.5"), console);
        assertTrue(console.contains("GUEST-NET dns=10.99.0.53,114.114.114.114 routes=192.168.77.0/24>10.99.0.254"
            + " password=yes"), console);

        long p0 = System.nanoTime();
        boolean answered = pingWithin("vnt-ns100", "10.99.0.5", 60);
        assertTrue(answered, () -> "the guest answers on VLAN 100\n" + diagnostics(dir.resolve("console.log")));
        long pingMs = (System.nanoTime() - p0) / 1_000_000;
        assertTrue(pingWithin("vnt-ns100", "fd00:99::5", 30), () -> "the guest's IPv6 address from the seed answers\n"
            + diagnostics(dir.resolve("console.log")));
        Commands.Result other = Commands.run(List.of("ip", "netns", "exec", "vnt-ns200", "busybox", "ping", "-c", "3",
            "-W", "1", "10.99.0.5"), 20);
        assertTrue(other.exitCode() == 1 && other.output().contains("3 packets transmitted, 0 packets received"),
            "VLAN 200 must not reach a guest on VLAN 100: " + other.output());
        System.out.printf("FlatNetworkE2eTest: start -> GUEST-READY %d ms, first ping after %d ms%n", readyMs, pingMs);
      } finally {
        for (List<String> c : cleanups) {
          Commands.run(c, 60);
        }
      }
    } finally {
      stopOvs(ovsPids);
    }
  }

  private static String diagnostics(Path console) {
    StringBuilder b = new StringBuilder();
    for (String c : List.of("ovs-vsctl show", "ovs-ofctl dump-ports br-" + UPLINK, "ovs-appctl fdb/show br-" + UPLINK,
        "ovs-appctl dpctl/dump-flows", "ip -d link show vm5254007e0001", "ip netns exec vnt-ns100 ip neigh")) {
      b.append("$ ").append(c).append('\n').append(Commands.run(List.of("bash", "-c", c), 20).output());
    }
    try {
      String text = Files.readString(console);
      b.append("console:\n").append(text.substring(Math.max(0, text.length() - 1500)));
    } catch (java.io.IOException e) {
      b.append(e);
    }
    return b.toString();
  }

  /** A veth whose one end is a tagged OVS port and whose other end sits in a new namespace. */
  private void hostPort(String name, String ns, int tag, String cidr) {
    sh("ip netns add " + ns);
    cleanups.add(List.of("ip", "netns", "del", ns));
    sh("ip link add " + name + " type veth peer name " + name + "p");
    cleanups.add(0, List.of("ip", "link", "del", name));
    sh("sysctl -qw net.ipv6.conf." + name + ".disable_ipv6=1 && ip link set " + name + " up");
    sh("ovs-vsctl --timeout=10 add-port br-" + UPLINK + " " + name + " tag=" + tag);
    cleanups.add(0, List.of("ovs-vsctl", "--timeout=10", "--if-exists", "del-port", name));
    sh("ip link set " + name + "p netns " + ns);
    sh("ip netns exec " + ns + " sh -c 'ip link set lo up && ip link set " + name + "p up && ip addr add " + cidr
        + " dev " + name + "p'");
  }

  private static boolean pingWithin(String ns, String ip, int seconds) throws InterruptedException {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < end) {
      if (Commands.run(List.of("ip", "netns", "exec", ns, "busybox", ip.contains(":") ? "ping6" : "ping", "-c", "1", "-W", "1", ip), 10).exitCode() == 0) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }

  private static String waitForConsole(Path log, String marker, int seconds) throws Exception {
    long end = System.currentTimeMillis() + seconds * 1000L;
    String text = "";
    while (System.currentTimeMillis() < end) {
      text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
      if (text.contains(marker)) {
        Thread.sleep(300); // the rest of the line
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
      }
      Thread.sleep(500);
    }
    fail("no " + marker + " on the serial console in " + seconds + " s:\n" + text);
    return text;
  }

  /** Starts OVS (temporary database, default socket) when none answers; returns the PIDs started. */
  private List<String> startOvsUnlessRunning() throws Exception {
    if (Commands.run(List.of("ovs-vsctl", "--timeout=3", "show"), 10).exitCode() == 0) {
      return List.of();
    }
    Path db = ovsDir.resolve("conf.db");
    createdSocketDir = !Files.isDirectory(Path.of(OVS_SOCKET_DIR));
    sh("mkdir -p " + OVS_SOCKET_DIR + " && ovsdb-tool create " + db + " /usr/share/openvswitch/vswitch.ovsschema");
    List<String> pids = new ArrayList<>();
    try {
      sh("ovsdb-server " + db + " --remote=punix:" + OVS_SOCKET_DIR + "/db.sock --pidfile=" + ovsDir
          + "/ovsdb-server.pid --detach --log-file=" + ovsDir + "/ovsdb-server.log >/dev/null 2>&1");
      pids.add(Files.readString(ovsDir.resolve("ovsdb-server.pid")).strip());
      sh("ovs-vsctl --no-wait init");
      sh("ovs-vswitchd unix:" + OVS_SOCKET_DIR + "/db.sock --pidfile=" + ovsDir + "/ovs-vswitchd.pid --detach"
          + " --log-file=" + ovsDir + "/ovs-vswitchd.log >/dev/null 2>&1");
      pids.add(0, Files.readString(ovsDir.resolve("ovs-vswitchd.pid")).strip());
    } catch (RuntimeException e) {
      stopOvs(pids);
      throw e;
    }
    return pids;
  }

  private void stopOvs(List<String> pids) throws InterruptedException {
    for (String pid : pids) {
      Commands.run(List.of("kill", "-TERM", pid), 10);
      for (int i = 0; i < 50 && Commands.run(List.of("kill", "-0", pid), 10).exitCode() == 0; i++) {
        Thread.sleep(100);
      }
    }
    if (createdSocketDir) {
      Commands.run(List.of("rmdir", OVS_SOCKET_DIR), 10); // only if empty
    }
  }

  private static String sh(String command) {
    return Commands.check(List.of("bash", "-c", command), 60);
  }
}
