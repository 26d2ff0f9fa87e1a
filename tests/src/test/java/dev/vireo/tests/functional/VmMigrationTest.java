package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrate endpoint's rules and the job's bookkeeping, over two fake nodes of the default
 * cluster and one of a second cluster (the real migration runs in the lab's LiveMigrationTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmMigrationTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;
  /** A third node, moved to a second cluster before any VM exists (the default cluster keeps two nodes). */
  private FakeAgent elsewhere;
  private String otherCluster;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
    server.peerFakeAgent();
    Api.Reply cluster = api.send("POST", "/api/v1/clusters", token,
        "{\"name\":\"migrate-other\",\"arch\":\"X86_64\",\"cpuOvercommitPercent\":100}");
    api.succeeded(token, cluster);
    otherCluster = cluster.json().get("resourceId").asText();
    elsewhere = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.4").register();
    server.moveNodeToCluster(elsewhere.nodeId(), otherCluster);
    imageId = Fixtures.importImage(server, token, dir, "migrate-image");
  }

  @AfterAll
  void stop() throws Exception {
    if (elsewhere != null) {
      elsewhere.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private String runningVm(String name) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms", token, Fixtures.vmBody(name, imageId).replace("false", "true"));
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private JsonNode vm(String id) throws Exception {
    return api.send("GET", "/api/v1/vms/" + id, token, null).json();
  }

  private Api.Reply migrate(String id, String body) throws Exception {
    return api.send("POST", "/api/v1/vms/" + id + "/migrate", token, body);
  }

  private String other(String nodeId) throws Exception {
    String a = server.fakeAgent().nodeId();
    return a.equals(nodeId) ? server.peerFakeAgent().nodeId() : a;
  }

  @Test
  void movesToTheChosenNodeThenBackWhereTheSchedulerChooses() throws Exception {
    String id = runningVm("mover");
    String home = vm(id).get("nodeId").asText();
    String away = other(home);

    api.succeeded(token, migrate(id, "{\"nodeId\":\"" + away + "\"}"));
    assertEquals(away, vm(id).get("nodeId").asText());
    assertEquals("RUNNING", vm(id).get("state").asText());

    api.succeeded(token, migrate(id, null)); // no body: the scheduler picks the only other node
    assertEquals(home, vm(id).get("nodeId").asText());
    assertEquals("RUNNING", vm(id).get("state").asText());

    // Power operations follow the VM to its new node.
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/poweroff", token, null));
    assertEquals("STOPPED", vm(id).get("state").asText());
  }

  @Test
  void badDestinationsAre422NamingNodeIdAndAStoppedVmIs409() throws Exception {
    String id = runningVm("stayer");
    String home = vm(id).get("nodeId").asText();
    String away = other(home);

    Api.Reply self = migrate(id, "{\"nodeId\":\"" + home + "\"}");
    assertEquals(422, self.status(), self.toString());
    assertEquals("nodeId", self.json().get("field").asText());
    assertTrue(self.json().get("message").asText().contains("already runs on"), self.toString());

    Api.Reply unknown = migrate(id, "{\"nodeId\":\"node-000000000000\"}");
    assertEquals(422, unknown.status(), unknown.toString());
    assertEquals("nodeId", unknown.json().get("field").asText());

    Api.Reply otherCluster = migrate(id, "{\"nodeId\":\"" + elsewhere.nodeId() + "\"}");
    assertEquals(422, otherCluster.status(), otherCluster.toString());
    assertEquals("nodeId", otherCluster.json().get("field").asText());
    assertTrue(otherCluster.json().get("message").asText().contains("stays within a cluster"), otherCluster.toString());

    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + away + "/lock", token, null));
    try {
      Api.Reply locked = migrate(id, "{\"nodeId\":\"" + away + "\"}");
      assertEquals(422, locked.status(), locked.toString());
      assertTrue(locked.json().get("message").asText().contains("locked"), locked.toString());
      Api.Reply none = migrate(id, null);
      assertEquals(422, none.status(), "the scheduler has no other unlocked node: " + none);
      // in maintenance (what it held moved to the VM's node) it is refused as such
      api.succeeded(token, api.send("POST", "/api/v1/nodes/" + away + "/maintenance", token, null));
      Api.Reply maintained = migrate(id, "{\"nodeId\":\"" + away + "\"}");
      assertEquals(422, maintained.status(), maintained.toString());
      assertTrue(maintained.json().get("message").asText().contains("MAINTENANCE"), maintained.toString());
      api.succeeded(token, api.send("DELETE", "/api/v1/nodes/" + away + "/maintenance", token, null));
    } finally {
      api.succeeded(token, api.send("POST", "/api/v1/nodes/" + away + "/unlock", token, null));
    }
    assertEquals(home, vm(id).get("nodeId").asText(), "refused migrations change nothing");
    assertEquals("RUNNING", vm(id).get("state").asText());

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/poweroff", token, null));
    Api.Reply stopped = migrate(id, "{\"nodeId\":\"" + away + "\"}");
    assertEquals(409, stopped.status(), stopped.toString());
    assertNotEquals(away, vm(id).get("nodeId").asText());
  }
}
