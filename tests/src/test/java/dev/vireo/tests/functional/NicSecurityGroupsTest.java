package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security groups on VM NICs (ADR 0018, issue 4 N5) on fake nodes: a NIC created with groups has
 * its filter on the node before its domain is defined; changing the NIC's groups, a group's rules
 * or a port/IP group it names pushes the recompiled filter to the node hosting it; an empty list
 * removes the filtering; a group a NIC carries cannot be deleted (409 naming the VM); the packet
 * tester answers for a NIC; a node that refuses makes the job fail naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NicSecurityGroupsTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private FakeAgent node;
  private String imageId;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    node = server.fakeAgent();
    imageId = Fixtures.importImage(server, token, dir, "sg-image");
    api.succeeded(token, api.send("POST", "/api/v1/networks", token, NetworksTest.body("lan", 42, "10.42.0.0/24",
        "\"ipv4Gateway\":\"10.42.0.1\",\"ipv6Subnet\":\"fd00:42::/64\",\"ipv6Gateway\":\"fd00:42::1\"")));
    group("ssh-in", "{\"direction\":\"ingress\",\"protocol\":\"ssh\",\"address\":\"10.0.0.0/8\",\"action\":\"accept\"}");
    group("web-in", "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"ports\":\"80\",\"address\":\"0.0.0.0/0\","
        + "\"action\":\"accept\"}");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String group(String name, String... rules) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"" + name + "\",\"rules\":["
        + String.join(",", rules) + "]}");
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  /** The fake node the VM is placed on (a second one joins for the migration test). */
  private FakeAgent host(String vmId) throws Exception {
    String nodeId = vm(vmId).get("nodeId").asText();
    return nodeId.equals(node.nodeId()) ? node : server.peerFakeAgent();
  }

  private JsonNode vm(String id) throws Exception {
    return api.send("GET", "/api/v1/vms/" + id, token, null).json();
  }

  private String createVm(String name, String nics, boolean start) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms", token, "{\"name\":\"" + name + "\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":" + start + ",\"nics\":" + nics + "}");
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private Api.Reply setGroups(String vm, int nic, String groups) throws Exception {
    return api.send("PUT", "/api/v1/vms/" + vm + "/nics/" + nic + "/security-groups", token,
        "{\"securityGroups\":[" + groups + "]}");
  }

  private JsonNode test(String vm, int nic, String protocol, String source, Integer port) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/security-groups/test", token, "{\"vmId\":\"" + vm + "\",\"nicIndex\":"
        + nic + ",\"direction\":\"ingress\",\"protocol\":\"" + protocol + "\",\"sourceAddress\":\"" + source + "\""
        + (port == null ? "" : ",\"port\":" + port) + "}");
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  @Test
  void aNicCreatedWithGroupsIsFilteredOnItsNodeBeforeTheDomainIsDefined() throws Exception {
    String vm = createVm("filtered", "[{\"network\":\"lan\",\"securityGroups\":[\"web-in\",\"ssh-in\"]},"
        + "{\"network\":\"lan\"}]", true);
    JsonNode nics = vm(vm).get("nics");
    String mac = nics.get(0).get("mac").asText();
    assertEquals(List.of(api.send("GET", "/api/v1/security-groups/web-in", token, null).json().get("id").asText(),
        api.send("GET", "/api/v1/security-groups/ssh-in", token, null).json().get("id").asText()),
        Api.JSON.convertValue(nics.get(0).get("securityGroups"), List.class));
    assertEquals(0, nics.get(1).get("securityGroups").size(), "no groups: unfiltered");

    FakeAgent node = host(vm);
    List<ApplyNicFiltersCommand> sent = node.nicFilterCommands().stream()
        .filter(c -> c.filters().stream().anyMatch(f -> f.mac().equals(mac))).toList();
    assertEquals(1, sent.size(), "one ApplyNicFilters: " + sent);
    assertEquals(1, sent.get(0).filters().size(), "for the filtered NIC only: " + sent);
    NicFilter f = sent.get(0).filters().get(0);
    assertEquals(mac, f.mac());
    assertEquals(List.of(nics.get(0).get("ipv4Address").asText(), nics.get(0).get("ipv6Address").asText()),
        f.addresses());
    assertEquals(List.of(new NicFilter.FilterRule("INGRESS", 0, "tcp,nw_src=10.0.0.0/8,tp_dst=22", true),
        new NicFilter.FilterRule("INGRESS", 1, "tcp,tp_dst=80", true)), f.rules(),
        "10.0.0.0/8 is more exact than 0.0.0.0/0: SSH is evaluated first");
    assertNull(node.nicFilters().get(nics.get(1).get("mac").asText()));

    assertTrue(test(vm, 0, "tcp", "10.1.2.3", 22).get("allowed").asBoolean());
    assertFalse(test(vm, 0, "tcp", "192.0.2.1", 22).get("allowed").asBoolean());
    assertTrue(test(vm, 0, "tcp", "192.0.2.1", 80).get("allowed").asBoolean());
    assertEquals("default drop", test(vm, 1, "tcp", "192.0.2.1", 80).get("decidedBy").asText(),
        "a NIC without groups tests like an empty list");

    Api.Reply held = api.send("DELETE", "/api/v1/security-groups/ssh-in", token, null);
    assertEquals(409, held.status(), held.toString());
    assertTrue(held.json().get("message").asText().contains("filtered (" + vm + ")"), held.toString());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void changingANicsGroupsOrAGroupsRulesPushesTheNewFilterAndEmptyRemovesIt() throws Exception {
    String db = group("db-in", "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"ports\":\"5432\","
        + "\"address\":\"10.42.0.0/24\",\"action\":\"accept\"}");
    String vm = createVm("changing", "[{\"network\":\"lan\"}]", false);
    FakeAgent node = host(vm);
    String mac = vm(vm).get("nics").get(0).get("mac").asText();
    assertNull(node.nicFilters().get(mac));
    assertEquals("default drop", test(vm, 0, "tcp", "10.42.0.9", 5432).get("decidedBy").asText());

    api.succeeded(token, setGroups(vm, 0, "\"db-in\""));
    assertEquals("db-in#0", test(vm, 0, "tcp", "10.42.0.9", 5432).get("decidedBy").asText(),
        "the tester sees the NIC's new groups at once");
    assertEquals(List.of(db), Api.JSON.convertValue(vm(vm).get("nics").get(0).get("securityGroups"), List.class));
    assertEquals("tcp,nw_src=10.42.0.0/24,tp_dst=5432", node.nicFilters().get(mac).rules().get(0).match(),
        "a stopped but placed VM's node gets it too (kept until the tap appears)");

    api.succeeded(token, api.send("PUT", "/api/v1/security-groups/db-in", token, "{\"name\":\"db-in\",\"rules\":["
        + "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"ports\":\"5433\",\"address\":\"10.42.0.0/24\","
        + "\"action\":\"accept\"}]}"));
    assertEquals("tcp,nw_src=10.42.0.0/24,tp_dst=5433", node.nicFilters().get(mac).rules().get(0).match());
    assertEquals("db-in#0", test(vm, 0, "tcp", "10.42.0.9", 5433).get("decidedBy").asText(), "and the new rules");

    Api.Reply mac2 = api.send("PATCH", "/api/v1/vms/" + vm + "/nics/0", token, "{\"macAddress\":\"52:54:00:42:42:42\"}");
    api.succeeded(token, mac2);
    assertNull(node.nicFilters().get(mac), "the old MAC is forgotten");
    assertEquals("tcp,nw_src=10.42.0.0/24,tp_dst=5433", node.nicFilters().get("52:54:00:42:42:42").rules().get(0).match(),
        "the filter follows the new MAC");
    mac = "52:54:00:42:42:42";

    api.succeeded(token, setGroups(vm, 0, ""));
    assertNull(node.nicFilters().get(mac), "an empty list removes the NIC's filtering");
    assertEquals("default drop", test(vm, 0, "tcp", "10.42.0.9", 5433).get("decidedBy").asText());
    ApplyNicFiltersCommand last = node.nicFilterCommands().get(node.nicFilterCommands().size() - 1);
    assertEquals(List.of(mac), last.remove());
    api.succeeded(token, api.send("DELETE", "/api/v1/security-groups/db-in", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void aPortGroupChangeReachesTheNicsWhoseRulesNameIt() throws Exception {
    api.succeeded(token, api.send("POST", "/api/v1/port-groups", token, "{\"name\":\"mail\",\"entries\":[\"TCP:25\"]}"));
    group("mail-in", "{\"direction\":\"ingress\",\"portGroup\":\"mail\",\"address\":\"0.0.0.0/0\",\"action\":\"accept\"}");
    String vm = createVm("mailer", "[{\"network\":\"lan\",\"securityGroups\":[\"mail-in\"]}]", false);
    FakeAgent node = host(vm);
    String mac = vm(vm).get("nics").get(0).get("mac").asText();
    assertEquals("tcp,tp_dst=25", node.nicFilters().get(mac).rules().get(0).match());
    api.succeeded(token, api.send("PUT", "/api/v1/port-groups/mail", token, "{\"name\":\"mail\",\"entries\":[\"TCP:587\"]}"));
    assertEquals("tcp,tp_dst=587", node.nicFilters().get(mac).rules().get(0).match());
    Api.Reply rename = api.send("PUT", "/api/v1/port-groups/mail", token, "{\"name\":\"smtp\",\"entries\":[\"TCP:587\"]}");
    assertEquals(409, rename.status(), "mail-in names it by name: " + rename);
    assertEquals("name", rename.json().get("field").asText());

    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
    assertNull(node.nicFilters().get(mac), "a deleted VM's node forgets its NICs' filters");
  }

  @Test
  void aLiveMigrationTargetGetsTheFilterFirstAndTheSourceForgetsIt() throws Exception {
    FakeAgent peer = server.peerFakeAgent();
    String vm = createVm("mover", "[{\"network\":\"lan\",\"securityGroups\":[\"ssh-in\"]}]", true);
    String mac = vm(vm).get("nics").get(0).get("mac").asText();
    String from = vm(vm).get("nodeId").asText();
    FakeAgent source = from.equals(node.nodeId()) ? node : peer;
    FakeAgent destination = source == node ? peer : node;
    assertEquals(List.of(mac), source.nicFilterCommands().get(source.nicFilterCommands().size() - 1).filters()
        .stream().map(NicFilter::mac).toList());

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/migrate", token,
        "{\"nodeId\":\"" + destination.nodeId() + "\"}"));
    assertEquals(destination.nodeId(), vm(vm).get("nodeId").asText());
    assertEquals("tcp,nw_src=10.0.0.0/8,tp_dst=22", destination.nicFilters().get(mac).rules().get(0).match(),
        "sent to the destination before the migration");
    assertNull(source.nicFilters().get(mac), "the source forgets it after");
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
    assertNull(destination.nicFilters().get(mac));
  }

  @Test
  void badGroupListsAre422NamingTheField() throws Exception {
    String vm = createVm("strict", "[{\"network\":\"lan\"}]", false);
    Api.Reply r = setGroups(vm, 0, "\"ssh-in\",\"nope\"");
    assertEquals(422, r.status(), r.toString());
    assertEquals("securityGroups[1]", r.json().get("field").asText());
    r = setGroups(vm, 0, "\"ssh-in\",\"ssh-in\"");
    assertEquals(422, r.status(), r.toString());
    assertEquals("securityGroups[1]", r.json().get("field").asText());
    r = setGroups(vm, 0, "\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"");
    assertEquals(422, r.status(), r.toString());
    assertEquals("securityGroups", r.json().get("field").asText());
    assertTrue(r.json().get("message").asText().contains("at most 5"), r.toString());
    assertEquals(404, setGroups(vm, 3, "\"ssh-in\"").status());
    r = api.send("POST", "/api/v1/vms", token, "{\"name\":\"strict-2\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":false,\"nics\":[{\"network\":\"lan\","
        + "\"securityGroups\":[\"nope\"]}]}");
    assertEquals(422, r.status(), r.toString());
    assertEquals("nics[0].securityGroups[0]", r.json().get("field").asText());
    r = api.send("POST", "/api/v1/security-groups/test", token, "{\"vmId\":\"" + vm + "\",\"nicIndex\":7,"
        + "\"direction\":\"ingress\",\"protocol\":\"tcp\",\"sourceAddress\":\"10.0.0.1\",\"port\":22}");
    assertEquals(422, r.status(), r.toString());
    assertEquals("nicIndex", r.json().get("field").asText());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void aNodeThatRefusesTheFilterFailsTheJobNamingIt() throws Exception {
    String vm = createVm("refused", "[{\"network\":\"lan\",\"securityGroups\":[\"web-in\"]}]", false);
    FakeAgent node = host(vm);
    node.failNicFilters("ovs-ofctl: bridge not found");
    try {
      Api.Reply r = api.send("PUT", "/api/v1/security-groups/web-in", token, "{\"name\":\"web-in\",\"rules\":[]}");
      assertEquals(202, r.status(), r.toString());
      JsonNode job = api.waitForJob(token, r.json().get("jobId").asText());
      assertEquals("FAILED", job.get("state").asText(), job.toString());
      assertTrue(job.get("error").asText().contains("node " + node.nodeId()), job.toString());
      assertTrue(job.get("error").asText().contains("bridge not found"), job.toString());
    } finally {
      node.failNicFilters(null);
    }
    api.succeeded(token, api.send("PUT", "/api/v1/security-groups/web-in", token, "{\"name\":\"web-in\",\"rules\":["
        + "{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"ports\":\"80\",\"address\":\"0.0.0.0/0\","
        + "\"action\":\"accept\"}]}"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }
}
