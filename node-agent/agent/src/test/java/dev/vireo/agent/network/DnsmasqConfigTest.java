package dev.vireo.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.network.DnsmasqConfig.Host;
import dev.vireo.agent.network.DnsmasqConfig.Spec;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsmasqConfigTest {
  static final Path DIR = Path.of("/var/lib/vireo-agent/dhcp/net-1");

  static Spec spec(List<SeedRoute> routes) {
    return new Spec("net-1", "10.0.0.250", "10.0.0.0/24", "10.0.0.1", List.of("114.114.114.114", "8.8.8.8", "fd00::53"),
        routes);
  }

  @Test
  void goldenConfig() {
    String name = DnsmasqConfig.interfaceName("net-1");
    assertEquals("""
        # Vireo agent: DHCP of network net-1 on this node; generated, do not edit
        port=0
        interface=%s
        bind-interfaces
        except-interface=lo
        dhcp-authoritative
        dhcp-range=10.0.0.0,static,255.255.255.0,1h
        dhcp-hostsfile=/var/lib/vireo-agent/dhcp/net-1/hosts
        dhcp-ignore=tag:!known
        dhcp-leasefile=/var/lib/vireo-agent/dhcp/net-1/leases
        pid-file=/var/lib/vireo-agent/dhcp/net-1/pid
        dhcp-option=option:router,10.0.0.1
        dhcp-option=option:dns-server,114.114.114.114,8.8.8.8
        dhcp-option=option:classless-static-route,192.168.50.0/24,10.0.0.254,0.0.0.0/0,10.0.0.1
        """.formatted(name),
        DnsmasqConfig.config(spec(List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"), new SeedRoute("fd01::/64", "fd00::1"))),
            DIR.resolve("hosts"), DIR.resolve("pid"), DIR.resolve("leases")));
  }

  @Test
  void noRoutesNoOption121AndNoGatewayAnEmptyRouter() {
    String c = DnsmasqConfig.config(new Spec("net-2", "172.20.1.2", "172.20.0.0/16", null, List.of(), List.of()),
        DIR.resolve("hosts"), DIR.resolve("pid"), DIR.resolve("leases"));
    assertTrue(c.contains("dhcp-range=172.20.0.0,static,255.255.0.0,1h\n"), c);
    assertTrue(c.contains("dhcp-option=option:router\n"), c);
    assertTrue(!c.contains("classless") && !c.contains("dns-server"), c);
  }

  @Test
  void interfaceNameIsFifteenCharactersAndStable() {
    String n = DnsmasqConfig.interfaceName("0a7c8e1e-2b7f-4c3e-9d55-1f0e3c6a9b21");
    assertEquals(15, n.length());
    assertEquals(n, DnsmasqConfig.interfaceName("0a7c8e1e-2b7f-4c3e-9d55-1f0e3c6a9b21"));
    assertTrue(!n.equals(DnsmasqConfig.interfaceName("net-1")));
  }

  @Test
  void goldenHostsFileSortedByMacLowerCase() {
    assertEquals("52:54:00:00:00:02,10.0.0.6,db-01\n52:54:00:ab:cd:ef,10.0.0.5,web-01\n",
        DnsmasqConfig.hostsFile(List.of(new Host("52:54:00:AB:CD:EF", "10.0.0.5", "web-01"),
            new Host("52:54:00:00:00:02", "10.0.0.6", "db-01"))));
    assertEquals("", DnsmasqConfig.hostsFile(List.of()));
  }

  @Test
  void valuesCannotAddLines() {
    Path h = DIR.resolve("hosts");
    assertThrows(CommandFailedException.class, () -> DnsmasqConfig.hostsFile(
        List.of(new Host("52:54:00:00:00:02", "10.0.0.6", "x\ndhcp-option=3,1.2.3.4"))));
    assertThrows(CommandFailedException.class, () -> DnsmasqConfig.hostsFile(
        List.of(new Host("52:54:00:00:00:2", "10.0.0.6", "x"))));
    assertThrows(CommandFailedException.class, () -> DnsmasqConfig.config(
        new Spec("n", "10.0.0.2", "10.0.0.0/24", "10.0.0.1\nport=53", List.of(), List.of()), h, h, h));
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> DnsmasqConfig.config(
        new Spec("n", "10.1.0.2", "10.0.0.0/24", "10.0.0.1", List.of(), List.of()), h, h, h));
    assertTrue(e.getMessage().contains("not in subnet"), e.getMessage());
  }
}
