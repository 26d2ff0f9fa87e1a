package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.EnsureDhcpCommand;
import dev.vireo.agent.protocol.EnsureDhcpCommand.DhcpHost;
import dev.vireo.agent.protocol.GuestSeed;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import dev.vireo.agent.protocol.RemoveDhcpCommand;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCP where the VMs are (ADR 0017): a DHCP network gets a dnsmasq on every node, each with its
 * own IPAM address, answering only the NICs of the VMs on that node; the list follows the VM
 * (create, migration, MAC change, delete); the seed carries no static address; deleting the network stops
 * them. A network without DHCP gets none.
 */
class DhcpWhereTheVmsAreTest {
  @TempDir
  Path dir;

  @Test
  void eachNodesDhcpServerAnswersOnlyItsOwnVms() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    try (TestServer server = TestServer.start(dir)) {
      Api api = server.api();
      String token = server.login();
      FakeAgent home = server.fakeAgent();
      FakeAgent away = server.peerFakeAgent();
      String image = Fixtures.importImage(server, token, dir, "dhcp-image");

      api.succeeded(token, api.send("POST", "/api/v1/networks", token, NetworksTest.body("static", 42, "10.42.0.0/24",
          "\"ipv4Gateway\":\"10.42.0.1\"")));
      Api.Reply net = api.send("POST", "/api/v1/networks", token, NetworksTest.body("dyn", 43, "10.43.0.0/24",
          "\"ipv4Gateway\":\"10.43.0.1\",\"dhcp\":true,\"dnsServers\":[\"10.43.0.53\"],"
              + "\"routes\":[{\"destination\":\"192.168.7.0/24\",\"nextHop\":\"10.43.0.254\"}]"));
      api.succeeded(token, net);
      String dyn = net.json().get("resourceId").asText();
      assertEquals(1, home.dhcpServers().size(), "only the DHCP network has a DHCP server: " + home.dhcpServers());
      EnsureDhcpCommand h0 = home.dhcpServers().get(dyn);
      EnsureDhcpCommand a0 = away.dhcpServers().get(dyn);
      assertNotEquals(h0.address(), a0.address(), "each node has its own address");
      assertEquals(List.of(), h0.hosts());
      assertEquals(43, h0.vlanId());
      assertEquals("10.43.0.0/24", h0.subnet());
      assertEquals("10.43.0.1", h0.gateway());
      assertEquals(List.of("10.43.0.53"), h0.dnsServers());
      assertEquals(List.of(new SeedRoute("192.168.7.0/24", "10.43.0.254")), h0.routes());
      JsonNode network = api.send("GET", "/api/v1/networks/" + dyn, token, null).json();
      assertEquals(2, network.get("allocatedAddresses").asInt(), "the nodes' addresses are IPAM allocations");

      Api.Reply created = api.send("POST", "/api/v1/vms", token, "{\"name\":\"leaser\",\"image\":\"" + image
          + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true,\"nics\":[{\"network\":\"dyn\"}]}");
      api.succeeded(token, created);
      String vm = created.json().get("resourceId").asText();
      JsonNode v = api.send("GET", "/api/v1/vms/" + vm, token, null).json();
      String from = v.get("nodeId").asText();
      JsonNode nic = v.get("nics").get(0);
      String mac = nic.get("mac").asText();
      String ip = nic.get("ipv4Address").asText();
      assertFalse(ip.equals(h0.address()) || ip.equals(a0.address()), "a node's address is never a VM's: " + ip);
      FakeAgent on = from.equals(home.nodeId()) ? home : away;
      FakeAgent other = on == home ? away : home;
      DhcpHost host = new DhcpHost(mac, ip, "leaser");
      assertEquals(List.of(host), on.dhcpServers().get(dyn).hosts(), "the VM's node answers it");
      assertEquals(List.of(), other.dhcpServers().get(dyn).hosts(), "the other node does not");
      GuestSeed seed = on.lastDefinition(vm).vm().seed();
      assertEquals(List.of(), seed.nics().get(0).addresses(), "no static address: the guest runs DHCP");
      assertNull(seed.nics().get(0).gateway4());
      assertEquals(List.of("10.43.0.53"), seed.dnsServers(), "DNS still in the seed");

      api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/migrate", token,
          "{\"nodeId\":\"" + other.nodeId() + "\"}"));
      assertEquals(List.of(host), other.dhcpServers().get(dyn).hosts(), "the destination answers it after migration");
      assertEquals(List.of(), on.dhcpServers().get(dyn).hosts(), "the source no longer does");

      api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
      api.succeeded(token, api.send("PATCH", "/api/v1/vms/" + vm + "/nics/0", token,
          "{\"macAddress\":\"52:54:00:c0:ff:ee\"}"));
      assertEquals(List.of(new DhcpHost("52:54:00:c0:ff:ee", ip, "leaser")), other.dhcpServers().get(dyn).hosts(),
          "a new MAC is answered instead of the old one");

      api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
      assertEquals(List.of(), other.dhcpServers().get(dyn).hosts(), "a deleted VM is answered nowhere");

      api.succeeded(token, api.send("DELETE", "/api/v1/networks/" + dyn, token, null));
      assertTrue(home.dhcpServers().isEmpty() && away.dhcpServers().isEmpty(), "the DHCP servers stop with the network");
      assertTrue(home.dhcpCommands().contains(new RemoveDhcpCommand(dyn)));
    }
  }
}
