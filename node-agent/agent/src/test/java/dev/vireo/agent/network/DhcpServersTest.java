package dev.vireo.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.EnsureDhcpCommand;
import dev.vireo.agent.protocol.EnsureDhcpCommand.DhcpHost;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DhcpServersTest {
  @TempDir
  Path tmp;

  private final FakeOvs ovs = new FakeOvs();
  private final List<List<String>> commands = new ArrayList<>();
  private final List<FakeProcess> started = new ArrayList<>();

  static final class FakeProcess implements DhcpServers.Running {
    final long pid;
    final List<String> command;
    boolean alive = true;

    FakeProcess(long pid, List<String> command) {
      this.pid = pid;
      this.command = command;
    }

    @Override
    public boolean alive() {
      return alive;
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public void stop() {
      alive = false;
    }
  }

  private DhcpServers servers() {
    ovs.bridgeDatapath.put("br-lab", "netdev");
    ovs.portBridge.put("trunk0", "br-lab");
    OvsNetworks networks = new OvsNetworks(ovs, tmp.resolve("networks.json"), Set.of("trunk0")::contains, false);
    return new DhcpServers((command, timeout) -> {
      commands.add(command);
      return new CommandRunner.Result(0, "", "");
    }, networks, tmp.resolve("dhcp"), tmp.resolve("dhcp.json"), command -> {
      FakeProcess p = new FakeProcess(1000 + started.size(), command);
      started.add(p);
      return p;
    });
  }

  static EnsureDhcpCommand command(List<DhcpHost> hosts, List<SeedRoute> routes) {
    return new EnsureDhcpCommand("net-1", "trunk0", 300, "10.241.9.250", "10.241.9.0/24", "10.241.9.1",
        List.of("10.241.9.53"), routes, hosts);
  }

  static final DhcpHost A = new DhcpHost("52:54:00:00:00:0a", "10.241.9.10", "vm-a");
  static final DhcpHost B = new DhcpHost("52:54:00:00:00:0b", "10.241.9.11", "vm-b");

  @Test
  void firstEnsureMakesTheTaggedInternalPortWritesTheFilesAndStartsDnsmasq() throws Exception {
    DhcpServers s = servers();
    String iface = DnsmasqConfig.interfaceName("net-1");
    assertTrue(s.ensure(command(List.of(A), List.of())).changed());
    assertEquals(List.of(
        List.of("ovs-vsctl", "--timeout=15", "--may-exist", "add-port", "br-lab", iface, "--", "set", "interface", iface,
            "type=internal", "--", "set", "port", iface, "tag=300"),
        List.of("ip", "addr", "replace", "10.241.9.250/24", "dev", iface),
        List.of("ip", "link", "set", iface, "up")), commands);
    assertEquals(1, started.size());
    Path dir = tmp.resolve("dhcp").resolve(iface);
    assertEquals(List.of("dnsmasq", "--keep-in-foreground", "--user=root", "--conf-file=" + dir.resolve("dnsmasq.conf")),
        started.get(0).command);
    assertEquals("52:54:00:00:00:0a,10.241.9.10,vm-a\n", Files.readString(dir.resolve("hosts")));
    assertTrue(Files.readString(dir.resolve("dnsmasq.conf")).contains("interface=" + iface + "\n"));
  }

  @Test
  void sameStateNothingNewHostsSighupNewRoutesRestart() {
    DhcpServers s = servers();
    s.ensure(command(List.of(A), List.of()));
    commands.clear();
    assertFalse(s.ensure(command(List.of(A), List.of())).changed());
    assertEquals(1, started.size());
    assertTrue(commands.stream().noneMatch(c -> c.get(0).equals("kill")), commands.toString());

    assertTrue(s.ensure(command(List.of(A, B), List.of())).changed());
    assertEquals(1, started.size());
    assertTrue(commands.contains(List.of("kill", "-HUP", "1000")), commands.toString());

    s.ensure(command(List.of(A, B), List.of(new SeedRoute("10.77.0.0/16", "10.241.9.1"))));
    assertEquals(2, started.size());
    assertFalse(started.get(0).alive);
  }

  @Test
  void aDeadDnsmasqIsRestartedAndAnotherAgentRecreatesWhatItRemembers() {
    DhcpServers s = servers();
    s.ensure(command(List.of(A), List.of()));
    assertEquals(List.of(), s.supervise());
    started.get(0).alive = false;
    assertEquals(List.of("net-1"), s.supervise());
    assertEquals(2, started.size());
    assertEquals(1001, s.pid("net-1"));

    DhcpServers next = servers();
    assertEquals(-1, next.pid("net-1"));
    next.reapplyRemembered();
    assertEquals(3, started.size());
    assertEquals(1002, next.pid("net-1"));
  }

  @Test
  void removeStopsDeletesThePortAndForgets() {
    DhcpServers s = servers();
    s.ensure(command(List.of(A), List.of()));
    String iface = DnsmasqConfig.interfaceName("net-1");
    assertTrue(s.remove("net-1").changed());
    assertFalse(started.get(0).alive);
    assertTrue(commands.contains(List.of("ovs-vsctl", "--timeout=15", "--if-exists", "del-port", iface)));
    assertFalse(Files.exists(tmp.resolve("dhcp").resolve(iface)));
    assertEquals(List.of(), s.supervise());
    assertFalse(servers().remove("net-1").changed());
    DhcpServers next = servers();
    next.reapplyRemembered();
    assertEquals(1, started.size());
  }

  @Test
  void badInputRunsNothing() {
    DhcpServers s = servers();
    assertThrows(CommandFailedException.class, () -> s.ensure(command(
        List.of(new DhcpHost("52:54:00:00:00:0a", "10.241.9.10", "bad name")), List.of())));
    assertEquals(List.of(), commands);
    assertEquals(List.of(), started);
  }
}
