package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.GuestSeed;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 N2 and C6 through the API on a fake node: NICs get the first free address or the one
 * asked for, never one held by another VM (also under 30 concurrent creates), addresses come back
 * when a VM is deleted, and the DefineVm the node receives carries the NICs and the guest seed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmNetworkingTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private FakeAgent node;
  private String imageId;
  private String lanId;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    node = server.fakeAgent();
    imageId = Fixtures.importImage(server, token, dir, "net-image");
    lanId = network(NetworksTest.body("lan", 40, "10.40.0.0/24", "\"ipv4Gateway\":\"10.40.0.1\","
        + "\"ipv6Subnet\":\"fd00:40::/64\",\"ipv6Gateway\":\"fd00:40::1\",\"dnsServers\":[\"10.40.0.53\"],"
        + "\"routes\":[{\"destination\":\"10.99.0.0/16\",\"nextHop\":\"10.40.0.254\"}]"));
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String network(String body) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/networks", token, body);
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private static String vmBody(String name, String extra) {
    return "{\"name\":\"" + name + "\",\"image\":\"" + "IMAGE" + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,"
        + "\"start\":false," + extra + "}";
  }

  private Api.Reply post(String name, String extra) throws Exception {
    return api.send("POST", "/api/v1/vms", token, vmBody(name, extra).replace("IMAGE", imageId));
  }

  private JsonNode createVm(String name, String extra) throws Exception {
    Api.Reply r = post(name, extra);
    api.succeeded(token, r);
    return api.send("GET", "/api/v1/vms/" + r.json().get("resourceId").asText(), token, null).json();
  }

  private void delete(String vmId) throws Exception {
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vmId, token, null));
  }

  @Test
  void aVmGetsTheFirstFreeAddressAndItsDomainCarriesTheNicsAndTheSeed() throws Exception {
    JsonNode vm = createVm("web-1", "\"nics\":[{\"network\":\"lan\"}],\"password\":\"s3cret-pass\"");
    JsonNode nic = vm.get("nics").get(0);
    assertEquals(lanId, nic.get("networkId").asText());
    assertTrue(nic.get("mac").asText().startsWith("52:54:00:"), nic.toString());
    assertEquals("web-1", vm.get("hostname").asText(), "derived from the name");
    String v4 = nic.get("ipv4Address").asText();
    assertTrue(v4.startsWith("10.40.0.") && !v4.equals("10.40.0.1"), v4);
    assertTrue(nic.get("ipv6Address").asText().startsWith("fd00:40::"), nic.toString());

    assertTrue(node.ensuredNetworks().get(lanId) >= 2, "ensured at network create and again before the define");
    DefineVmCommand define = node.lastDefinition(vm.get("id").asText());
    assertNotNull(define, "the node was asked to define the domain");
    assertEquals(List.of(new NicDefinition(nic.get("mac").asText(), lanId, "trunk0", 40)), define.vm().nics());
    GuestSeed seed = define.vm().seed();
    assertEquals(vm.get("id").asText(), seed.instanceId());
    assertEquals("web-1", seed.hostname());
    assertEquals(List.of("10.40.0.53"), seed.dnsServers(), "the network's DNS servers");
    GuestSeed.SeedNic seedNic = seed.nics().get(0);
    assertEquals(nic.get("mac").asText(), seedNic.mac());
    assertEquals(List.of(v4 + "/24", nic.get("ipv6Address").asText() + "/64"), seedNic.addresses());
    assertEquals("10.40.0.1", seedNic.gateway4());
    assertEquals("fd00:40::1", seedNic.gateway6());
    assertEquals(List.of(new GuestSeed.SeedRoute("10.99.0.0/16", "10.40.0.254")), seedNic.routes());
    assertTrue(seed.passwordHash().startsWith("$6$"), "SHA-512 crypt, never the password");
    assertEquals(seed.passwordHash(), Sha2Crypt.sha512Crypt("s3cret-pass".getBytes(), seed.passwordHash()));
    delete(vm.get("id").asText());
  }

  @Test
  void customHostnameDnsAndMacReachTheGuest() throws Exception {
    JsonNode vm = createVm("db-1", "\"hostname\":\"db01.prod\",\"dnsServers\":[\"1.1.1.1\",\"8.8.8.8\"],"
        + "\"nics\":[{\"network\":\"" + lanId + "\",\"macAddress\":\"52:54:00:AB:CD:EF\"}]");
    assertEquals("db01.prod", vm.get("hostname").asText());
    assertEquals("52:54:00:ab:cd:ef", vm.get("nics").get(0).get("mac").asText());
    GuestSeed seed = node.lastDefinition(vm.get("id").asText()).vm().seed();
    assertEquals(List.of("1.1.1.1", "8.8.8.8"), seed.dnsServers(), "the VM's own DNS servers win");
    Api.Reply taken = post("db-2", "\"nics\":[{\"network\":\"lan\",\"macAddress\":\"52:54:00:ab:cd:ef\"}]");
    assertEquals(409, taken.status(), taken.toString());
    delete(vm.get("id").asText());
  }

  @Test
  void aRequestedAddressIsGivenOnceAndComesBackWhenTheVmIsDeleted() throws Exception {
    JsonNode vm = createVm("fixed-1", "\"nics\":[{\"network\":\"lan\",\"ipv4Address\":\"10.40.0.200\"}]");
    assertEquals("10.40.0.200", vm.get("nics").get(0).get("ipv4Address").asText());
    Api.Reply again = post("fixed-2", "\"nics\":[{\"network\":\"lan\",\"ipv4Address\":\"10.40.0.200\"}]");
    assertEquals(409, again.status(), again.toString());
    assertTrue(again.json().get("message").asText().contains("10.40.0.200"), again.toString());
    assertEquals(409, api.send("DELETE", "/api/v1/networks/lan", token, null).status(), "a VM has a NIC on it");
    delete(vm.get("id").asText());
    JsonNode reused = createVm("fixed-3", "\"nics\":[{\"network\":\"lan\",\"ipv4Address\":\"10.40.0.200\"}]");
    assertEquals("10.40.0.200", reused.get("nics").get(0).get("ipv4Address").asText(), "released on delete");
    delete(reused.get("id").asText());
  }

  @Test
  void aStoppedVmsMacCanBeChangedAndTheDomainIsDefinedAgain() throws Exception {
    JsonNode vm = createVm("mac-1", "\"nics\":[{\"network\":\"lan\"}]");
    JsonNode other = createVm("mac-2", "\"nics\":[{\"network\":\"lan\"}]");
    String id = vm.get("id").asText();
    String path = "/api/v1/vms/" + id + "/nics/0";
    api.succeeded(token, api.send("PATCH", path, token, "{\"macAddress\":\"52:54:00:0A:0B:0C\"}"));
    assertEquals("52:54:00:0a:0b:0c", api.send("GET", "/api/v1/vms/" + id, token, null).json()
        .at("/nics/0/mac").asText());
    assertEquals("52:54:00:0a:0b:0c", node.lastDefinition(id).vm().nics().get(0).mac(), "defined again");
    assertEquals("52:54:00:0a:0b:0c", node.lastDefinition(id).vm().seed().nics().get(0).mac());

    String taken = other.at("/nics/0/mac").asText();
    assertEquals(409, api.send("PATCH", path, token, "{\"macAddress\":\"" + taken + "\"}").status());
    Api.Reply bad = api.send("PATCH", path, token, "{\"macAddress\":\"ff:ff:ff:ff:ff:ff\"}");
    assertEquals(422, bad.status(), bad.toString());
    assertEquals("macAddress", bad.json().get("field").asText());
    assertEquals(404, api.send("PATCH", "/api/v1/vms/" + id + "/nics/5", token,
        "{\"macAddress\":\"52:54:00:0a:0b:0d\"}").status());

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/start", token, null));
    Api.Reply running = api.send("PATCH", path, token, "{\"macAddress\":\"52:54:00:0a:0b:0d\"}");
    assertEquals(409, running.status(), "only while STOPPED: " + running);
    delete(id);
    delete(other.get("id").asText());
  }

  @Test
  void badNicAndGuestInputIsA4xxNamingTheField() throws Exception {
    String[][] cases = {
        {"\"nics\":[{\"network\":\"lan\",\"ipv4Address\":\"10.41.0.5\"}]", "422", "nics[0].ipv4Address"},
        {"\"nics\":[{\"network\":\"lan\",\"ipv4Address\":\"10.40.0.1\"}]", "422", "nics[0].ipv4Address"},
        {"\"nics\":[{\"network\":\"nope\"}]", "422", "nics[0].network"},
        {"\"nics\":[{\"network\":\"lan\",\"macAddress\":\"01:00:5e:00:00:01\"}]", "422", "nics[0].macAddress"},
        {"\"nics\":[" + "{\"network\":\"lan\"},".repeat(8) + "{\"network\":\"lan\"}]", "422", "nics"},
        {"\"hostname\":\"-bad\"", "422", "hostname"},
        {"\"hostname\":\"1234\"", "422", "hostname"},
        {"\"dnsServers\":[\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\"]", "422", "dnsServers"},
        {"\"password\":\"short\"", "422", "password"},
    };
    for (String[] c : cases) {
      Api.Reply r = post("bad-input", c[0]);
      assertEquals(Integer.parseInt(c[1]), r.status(), c[0] + " -> " + r);
      assertEquals(c[2], r.json().get("field").asText(), c[0] + " -> " + r);
    }
  }

  @Test
  void thirtyConcurrentCreatesOnASlash27NeverShareAnAddressAndTheLastOneIsRefused() throws Exception {
    // 10.77.0.0/27: .1 is the gateway, .2-.30 (29 addresses) are handed out
    network(NetworksTest.body("small", 77, "10.77.0.0/27", "\"ipv4Gateway\":\"10.77.0.1\""));
    ExecutorService pool = Executors.newFixedThreadPool(30);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String name = "burst-" + i;
      replies.add(pool.submit(() -> post(name, "\"nics\":[{\"network\":\"small\"}]")));
    }
    List<Api.Reply> accepted = new ArrayList<>();
    List<Api.Reply> refused = new ArrayList<>();
    for (Future<Api.Reply> f : replies) {
      Api.Reply r = f.get();
      (r.status() == 202 ? accepted : refused).add(r);
    }
    pool.shutdown();
    assertEquals(29, accepted.size(), "every address of the range, once: " + refused);
    assertEquals(1, refused.size());
    assertEquals(409, refused.get(0).status(), refused.get(0).toString());
    assertTrue(refused.get(0).json().get("message").asText().contains("no free address in network small"),
        refused.get(0).toString());
    Set<String> addresses = new HashSet<>();
    Set<String> macs = new HashSet<>();
    for (Api.Reply r : accepted) {
      api.succeeded(token, r);
      JsonNode nic = api.send("GET", "/api/v1/vms/" + r.json().get("resourceId").asText(), token, null).json()
          .get("nics").get(0);
      addresses.add(nic.get("ipv4Address").asText());
      macs.add(nic.get("mac").asText());
    }
    assertEquals(29, addresses.size(), "no address handed out twice: " + addresses);
    assertEquals(29, macs.size());
    assertTrue(!addresses.contains("10.77.0.1") && !addresses.contains("10.77.0.31"), addresses.toString());
    assertEquals(29, api.send("GET", "/api/v1/networks/small", token, null).json().get("allocatedAddresses").asInt());
    for (Api.Reply r : accepted) {
      delete(r.json().get("resourceId").asText());
    }
    assertEquals(0, api.send("GET", "/api/v1/networks/small", token, null).json().get("allocatedAddresses").asInt());
    api.succeeded(token, api.send("DELETE", "/api/v1/networks/small", token, null));
  }
}
