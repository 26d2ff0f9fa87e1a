package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * White paper 4.2.9 (isolation groups) and issue 3 S1/S2 through the API, on two fake nodes: hard
 * rules place or refuse with a reason naming the group, soft rules never refuse, the dry-run explains
 * every node, bad input is a 4xx naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationGroupsTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String node1;
  private String node2;
  private String imageId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    node1 = server.fakeAgent().nodeId();
    node2 = server.addFakeAgent().nodeId();
    assertNotEquals(node1, node2);
    imageId = Fixtures.importImage(server, token, dir, "groups-image");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String group(String name, String kind, String relation, String strictness, List<String> nodes)
      throws Exception {
    String nodeIds = nodes == null ? "" : ",\"nodeIds\":[" + String.join(",", nodes.stream().map(n -> "\"" + n + "\"")
        .toList()) + "]";
    Api.Reply r = api.send("POST", "/api/v1/groups", token, "{\"name\":\"" + name + "\",\"kind\":\"" + kind
        + "\",\"relation\":\"" + relation + "\",\"strictness\":\"" + strictness + "\"" + nodeIds + "}");
    assertEquals(202, r.status(), r.toString());
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private static String vmBody(String name, String imageId, String... groupIds) {
    return "{\"name\":\"" + name + "\",\"image\":\"" + imageId + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,"
        + "\"start\":false,\"groupIds\":[" + String.join(",", List.of(groupIds).stream().map(g -> "\"" + g + "\"")
        .toList()) + "]}";
  }

  /** Creates the VM and waits for its job; returns the job. */
  private JsonNode create(String name, String... groupIds) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms", token, vmBody(name, imageId, groupIds));
    assertEquals(202, r.status(), r.toString());
    return api.waitForJob(token, r.json().get("jobId").asText());
  }

  private String placedOn(String name, String... groupIds) throws Exception {
    JsonNode job = create(name, groupIds);
    assertEquals("SUCCEEDED", job.get("state").asText(), job.toString());
    return api.send("GET", "/api/v1/vms/" + job.get("resourceId").asText(), token, null).json().get("nodeId").asText();
  }

  @Test
  void hardAntiAffinitySpreadsVmsAndRefusesOneMoreThanNodesNamingTheGroup() throws Exception {
    String spread = group("spread", "VM", "ANTI_AFFINITY", "HARD", null);
    String a = placedOn("spread-1", spread);
    String b = placedOn("spread-2", spread);
    assertEquals(Set.of(node1, node2), Set.of(a, b), "two VMs of a hard anti-affinity group on two nodes");

    JsonNode third = create("spread-3", spread);
    assertEquals("FAILED", third.get("state").asText(), third.toString());
    String error = third.get("error").asText();
    assertTrue(error.contains("'spread'") && error.contains("hard anti-affinity"), error);
    JsonNode vm = api.send("GET", "/api/v1/vms/" + third.get("resourceId").asText(), token, null).json();
    assertEquals("FAILED", vm.get("state").asText());

    JsonNode g = api.send("GET", "/api/v1/groups/" + spread, token, null).json();
    assertEquals(3, g.get("vmIds").size(), "the failed VM is still a (live) member: " + g);
    Api.Reply refused = api.send("DELETE", "/api/v1/groups/" + spread, token, null);
    assertEquals(409, refused.status(), "a group with VMs cannot be deleted: " + refused);
  }

  @Test
  void hardNodeAffinityPinsVmsToTheChosenNodes() throws Exception {
    String pinned = group("pinned", "NODE", "AFFINITY", "HARD", List.of(node2));
    for (int i = 0; i < 3; i++) {
      assertEquals(node2, placedOn("pinned-" + i, pinned));
    }
    Api.Reply moved = api.send("PUT", "/api/v1/groups/" + pinned + "/nodes", token,
        "{\"nodeIds\":[\"" + node1 + "\"]}");
    api.succeeded(token, moved);
    assertEquals(List.of(node1), List.of(api.send("GET", "/api/v1/groups/" + pinned, token, null).json()
        .at("/nodeIds/0").asText()));
    assertEquals(node1, placedOn("pinned-moved", pinned), "new placements follow the group's new nodes");
  }

  @Test
  void softRulesPreferButNeverRefuse() throws Exception {
    String apart = group("soft-apart", "VM", "ANTI_AFFINITY", "SOFT", null);
    String away = group("soft-away", "NODE", "ANTI_AFFINITY", "SOFT", List.of(node1, node2));
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      used.add(placedOn("soft-" + i, apart, away)); // every node is in "soft-away", 3 VMs > 2 nodes: still placed
    }
    assertEquals(Set.of(node1, node2), used, "soft anti-affinity still spreads while it can");

    String prefer = group("soft-prefer", "NODE", "AFFINITY", "SOFT", List.of(node2));
    assertEquals(node2, placedOn("soft-prefer-1", prefer), "a soft node affinity is met when it can be");
  }

  @Test
  void dryRunExplainsEveryNodeAndChangesNothing() throws Exception {
    String avoid = group("avoid-node1", "NODE", "ANTI_AFFINITY", "HARD", List.of(node1));
    int vmsBefore = api.send("GET", "/api/v1/vms", token, null).json().get("total").asInt();
    Api.Reply r = api.send("POST", "/api/v1/placements/dry-run", token,
        "{\"spec\":\"1C2G\",\"groupIds\":[\"" + avoid + "\"]}");
    assertEquals(200, r.status(), r.toString());
    JsonNode d = r.json();
    assertEquals(node2, d.get("nodeId").asText(), d.toString());
    assertEquals(1, d.get("cpu").asInt());
    assertEquals(2, d.get("memoryGiB").asInt());
    assertEquals(2, d.get("nodes").size(), "one verdict per node: " + d);
    for (JsonNode v : d.get("nodes")) {
      if (v.get("nodeId").asText().equals(node1)) {
        assertTrue(!v.get("accepted").asBoolean() && v.get("filter").asText().equals("node-groups"), v.toString());
        assertTrue(v.get("reason").asText().contains("'avoid-node1'"), v.toString());
        assertTrue(v.get("score").isNull(), v.toString());
      } else {
        assertTrue(v.get("accepted").asBoolean() && v.get("score").isNumber() && v.get("filter").isNull(), v.toString());
      }
    }
    assertEquals(vmsBefore, api.send("GET", "/api/v1/vms", token, null).json().get("total").asInt());

    String nowhere = group("nowhere", "NODE", "AFFINITY", "HARD", List.of());
    JsonNode none = api.send("POST", "/api/v1/placements/dry-run", token,
        "{\"cpu\":2,\"memoryGiB\":4,\"groupIds\":[\"" + nowhere + "\"]}").json();
    assertTrue(none.get("nodeId").isNull(), none.toString());
    assertTrue(none.get("reason").asText().contains("'nowhere'"), none.toString());
    for (JsonNode v : none.get("nodes")) {
      assertEquals("node-groups", v.get("filter").asText(), v.toString());
    }
    api.succeeded(token, api.send("DELETE", "/api/v1/groups/" + nowhere, token, null));
    assertEquals(404, api.send("GET", "/api/v1/groups/" + nowhere, token, null).status());
  }

  @Test
  void badInputIsRefusedNamingTheField() throws Exception {
    invalid(api.send("POST", "/api/v1/vms", token, vmBody("bad-group", imageId, "group-000000000000")), "groupIds");
    invalid(api.send("POST", "/api/v1/placements/dry-run", token,
        "{\"spec\":\"1C2G\",\"groupIds\":[\"group-000000000000\"]}"), "groupIds");
    invalid(api.send("POST", "/api/v1/placements/dry-run", token, "{}"), "spec");
    invalid(api.send("POST", "/api/v1/placements/dry-run", token, "{\"cpu\":3,\"memoryGiB\":4}"), "cpu");
    invalid(api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"bad\",\"kind\":\"RACK\",\"relation\":\"AFFINITY\"}"), "kind");
    invalid(api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"bad\",\"kind\":\"VM\",\"relation\":\"NEAR\"}"), "relation");
    invalid(api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"bad\",\"kind\":\"VM\",\"relation\":\"AFFINITY\",\"strictness\":\"MAYBE\"}"), "strictness");
    invalid(api.send("POST", "/api/v1/groups", token, "{\"name\":\"bad\",\"relation\":\"AFFINITY\"}"), "kind");
    invalid(api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"bad\",\"kind\":\"NODE\",\"relation\":\"AFFINITY\",\"nodeIds\":[\"node-000000000000\"]}"), "nodeIds");
    invalid(api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"bad\",\"kind\":\"VM\",\"relation\":\"AFFINITY\",\"nodeIds\":[\"" + node1 + "\"]}"), "nodeIds");

    String nodes = group("bad-input-nodes", "NODE", "AFFINITY", "HARD", List.of(node1));
    invalid(api.send("PUT", "/api/v1/groups/" + nodes + "/nodes", token, "{\"nodeIds\":[\"node-000000000000\"]}"),
        "nodeIds");
    invalid(api.send("PUT", "/api/v1/groups/" + nodes + "/nodes", token, "{}"), "nodeIds");
    String vms = group("bad-input-vms", "VM", "AFFINITY", "SOFT", null);
    assertEquals(409, api.send("PUT", "/api/v1/groups/" + vms + "/nodes", token, "{\"nodeIds\":[]}").status());
    assertEquals(409, api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"bad-input-vms\",\"kind\":\"VM\",\"relation\":\"AFFINITY\"}").status(), "name taken");
    assertEquals(404, api.send("GET", "/api/v1/groups/group-000000000000", token, null).status());
    assertEquals(404, api.send("DELETE", "/api/v1/groups/group-000000000000", token, null).status());
  }

  private static void invalid(Api.Reply r, String field) {
    assertEquals(422, r.status(), r.toString());
    assertEquals(field, r.json().get("field").asText(), r.toString());
  }
}
