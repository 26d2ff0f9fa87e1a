package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * White paper 5.5 (6), (7) over two fake nodes: maintenance only from LOCKED, it moves every VM
 * (running ones by live migration, stopped ones by moving their definition) to the other node,
 * a VM that cannot move fails the job naming it and the rule while what moved stays moved, and
 * exit returns to LOCKED. The real evacuation runs in the lab's NodeMaintenanceLabTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeMaintenanceTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;
  private String nodeA;
  private String nodeB;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    nodeA = server.fakeAgent().nodeId();
    nodeB = server.peerFakeAgent().nodeId();
    imageId = Fixtures.importImage(server, token, dir, "maintenance-image");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private Api.Reply post(String path) throws Exception {
    return api.send("POST", path, token, null);
  }

  private JsonNode node(String id) throws Exception {
    return api.send("GET", "/api/v1/nodes/" + id, token, null).json();
  }

  private JsonNode vm(String id) throws Exception {
    return api.send("GET", "/api/v1/vms/" + id, token, null).json();
  }

  /** Creates a VM (running or stopped) on node A: B is locked meanwhile. */
  private String vmOnA(String name, boolean running, String group) throws Exception {
    api.succeeded(token, post("/api/v1/nodes/" + nodeB + "/lock"));
    try {
      return create(name, running, group);
    } finally {
      api.succeeded(token, post("/api/v1/nodes/" + nodeB + "/unlock"));
    }
  }

  private String create(String name, boolean running, String group) throws Exception {
    String body = "{\"name\":\"" + name + "\",\"image\":\"" + imageId + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,"
        + "\"start\":" + running + (group == null ? "" : ",\"groupIds\":[\"" + group + "\"]") + "}";
    Api.Reply r = api.send("POST", "/api/v1/vms", token, body);
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private void delete(String... vms) throws Exception {
    for (String id : vms) {
      api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
    }
  }

  @Test
  void evacuatesRunningAndStoppedVmsThenExitReturnsToLockedAndUnlockWorks() throws Exception {
    String web = vmOnA("evac-web", true, null);
    String db = vmOnA("evac-db", true, null);
    String cold = vmOnA("evac-cold", false, null);
    assertEquals(nodeA, vm(web).get("nodeId").asText());
    assertEquals(nodeA, vm(cold).get("nodeId").asText());

    api.succeeded(token, post("/api/v1/nodes/" + nodeA + "/lock"));
    JsonNode job = api.succeeded(token, post("/api/v1/nodes/" + nodeA + "/maintenance"));
    assertEquals("ENTER_MAINTENANCE", job.get("type").asText());

    JsonNode a = node(nodeA);
    assertEquals("MAINTENANCE", a.get("schedulingStatus").asText(), a.toString());
    assertTrue(a.get("locked").asBoolean());
    assertEquals(0, a.get("vmCount").asInt(), "node A is empty: " + a);
    assertEquals(0, api.send("GET", "/api/v1/vms?nodeId=" + nodeA, token, null).json().get("total").asInt());
    for (String id : new String[] {web, db}) {
      assertEquals(nodeB, vm(id).get("nodeId").asText());
      assertEquals("RUNNING", vm(id).get("state").asText(), "moved live, still running");
    }
    assertEquals(nodeB, vm(cold).get("nodeId").asText(), "the stopped VM's definition moved too");
    assertEquals("STOPPED", vm(cold).get("state").asText());
    // It starts on its new home.
    api.succeeded(token, post("/api/v1/vms/" + cold + "/start"));
    assertEquals(nodeB, vm(cold).get("nodeId").asText());

    // In maintenance: no placements there, no direct unlock; entering again does nothing.
    JsonNode dryRun = api.send("POST", "/api/v1/placements/dry-run", token, "{\"spec\":\"1C2G\"}").json();
    boolean rejected = false;
    for (JsonNode v : dryRun.get("nodes")) {
      if (v.get("nodeId").asText().equals(nodeA)) {
        rejected = !v.get("accepted").asBoolean() && v.get("reason").asText().contains("maintenance");
      }
    }
    assertTrue(rejected, "the scheduler rejects a node in maintenance: " + dryRun);
    Api.Reply unlock = post("/api/v1/nodes/" + nodeA + "/unlock");
    assertEquals(409, unlock.status(), unlock.toString());
    assertTrue(unlock.json().get("message").asText().contains("exit maintenance first"), unlock.toString());
    assertEquals("NO_OP", api.succeeded(token, post("/api/v1/nodes/" + nodeA + "/maintenance")).get("type").asText());

    api.succeeded(token, api.send("DELETE", "/api/v1/nodes/" + nodeA + "/maintenance", token, null));
    assertEquals("LOCKED", node(nodeA).get("schedulingStatus").asText(), "exit returns to LOCKED");
    api.succeeded(token, post("/api/v1/nodes/" + nodeA + "/unlock"));
    assertEquals("UNLOCKED", node(nodeA).get("schedulingStatus").asText());
    assertTrue(!node(nodeA).get("locked").asBoolean());
    delete(web, db, cold);
  }

  @Test
  void aVmThatCannotMoveFailsTheJobNamingItAndItsRuleWhatMovedStaysAndTheNodeStaysLocked() throws Exception {
    Api.Reply g = api.send("POST", "/api/v1/groups", token,
        "{\"name\":\"maint-apart\",\"kind\":\"VM\",\"relation\":\"ANTI_AFFINITY\",\"strictness\":\"HARD\"}");
    api.succeeded(token, g);
    String group = g.json().get("resourceId").asText();
    String free = vmOnA("stuck-free", true, null); // older: moved first
    String pinned = vmOnA("stuck-apart-1", true, group);
    String partner = create("stuck-apart-2", true, group); // hard anti-affinity: on B
    assertEquals(nodeB, vm(partner).get("nodeId").asText());

    api.succeeded(token, post("/api/v1/nodes/" + nodeA + "/lock"));
    Api.Reply enter = post("/api/v1/nodes/" + nodeA + "/maintenance");
    assertEquals(202, enter.status(), enter.toString());
    JsonNode job = api.waitForJob(token, enter.json().get("jobId").asText());
    assertEquals("FAILED", job.get("state").asText(), job.toString());
    String error = job.get("error").asText();
    assertTrue(error.contains("stuck-apart-1") && error.contains(pinned), "names the VM: " + error);
    assertTrue(error.contains("'maint-apart'") && error.contains("anti-affinity"), "names the rule: " + error);

    assertEquals(nodeB, vm(free).get("nodeId").asText(), "the VM moved before stays moved");
    assertEquals("RUNNING", vm(free).get("state").asText());
    assertEquals(nodeA, vm(pinned).get("nodeId").asText());
    assertEquals("RUNNING", vm(pinned).get("state").asText(), "the VM that could not move keeps running");
    JsonNode a = node(nodeA);
    assertEquals("LOCKED", a.get("schedulingStatus").asText(), "not in maintenance: " + a);

    api.succeeded(token, post("/api/v1/nodes/" + nodeA + "/unlock"));
    delete(free, pinned, partner);
    api.succeeded(token, api.send("DELETE", "/api/v1/groups/" + group, token, null));
  }

  @Test
  void maintenanceRulesAreConflictsNamingTheRule() throws Exception {
    Api.Reply unlocked = post("/api/v1/nodes/" + nodeB + "/maintenance");
    assertEquals(409, unlocked.status(), unlocked.toString());
    assertTrue(unlocked.json().get("message").asText().contains("only a LOCKED node can enter maintenance"),
        unlocked.toString());
    assertEquals("UNLOCKED", node(nodeB).get("schedulingStatus").asText(), "a refused request changes nothing");

    Api.Reply notIn = api.send("DELETE", "/api/v1/nodes/" + nodeB + "/maintenance", token, null);
    assertEquals(409, notIn.status(), notIn.toString());
    assertTrue(notIn.json().get("message").asText().contains("only a node in MAINTENANCE can exit"), notIn.toString());
    api.succeeded(token, post("/api/v1/nodes/" + nodeB + "/lock"));
    try {
      Api.Reply locked = api.send("DELETE", "/api/v1/nodes/" + nodeB + "/maintenance", token, null);
      assertEquals(409, locked.status(), "a LOCKED node is not in maintenance: " + locked);
    } finally {
      api.succeeded(token, post("/api/v1/nodes/" + nodeB + "/unlock"));
    }

    assertEquals(404, post("/api/v1/nodes/node-000000000000/maintenance").status());
    assertEquals(404, api.send("DELETE", "/api/v1/nodes/node-000000000000/maintenance", token, null).status());
  }
}
