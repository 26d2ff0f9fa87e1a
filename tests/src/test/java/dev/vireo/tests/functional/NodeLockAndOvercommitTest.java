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

/** White paper 5.5 and 3.1.1: a locked node takes no new VMs; a cluster's overcommit only goes up. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeLockAndOvercommitTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String nodeId;
  private String imageId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
    nodeId = api.send("GET", "/api/v1/nodes", token, null).json().at("/items/0/id").asText();
    imageId = Fixtures.importImage(server, token, dir, "lock-image");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aLockedNodeTakesNoNewVmsUntilUnlocked() throws Exception {
    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + nodeId + "/lock", token, null));
    assertTrue(api.send("GET", "/api/v1/nodes/" + nodeId, token, null).json().get("locked").asBoolean());
    JsonNode again = api.succeeded(token, api.send("POST", "/api/v1/nodes/" + nodeId + "/lock", token, null));
    assertEquals("NO_OP", again.get("type").asText(), "locking a locked node does nothing");

    Api.Reply refused = api.send("POST", "/api/v1/vms", token, Fixtures.vmBody("while-locked", imageId));
    JsonNode job = api.waitForJob(token, refused.json().get("jobId").asText());
    assertEquals("FAILED", job.get("state").asText());
    assertTrue(job.get("error").asText().contains("unlocked"), job.toString());

    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + nodeId + "/unlock", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms", token, Fixtures.vmBody("after-unlock", imageId)));
  }

  @Test
  void theOvercommitRatioCanBeRaisedButNeverLowered() throws Exception {
    String cluster = api.send("GET", "/api/v1/clusters", token, null).json().at("/items/0/id").asText();
    api.succeeded(token, api.send("PATCH", "/api/v1/clusters/" + cluster, token, "{\"cpuOvercommitPercent\":250}"));
    assertEquals(250, api.send("GET", "/api/v1/clusters/" + cluster, token, null).json()
        .get("cpuOvercommitPercent").asInt());

    Api.Reply lower = api.send("PATCH", "/api/v1/clusters/" + cluster, token, "{\"cpuOvercommitPercent\":200}");
    assertEquals(422, lower.status());
    assertEquals("cpuOvercommitPercent", lower.json().get("field").asText());
    assertTrue(lower.json().get("message").asText().contains("can only be raised"), lower.toString());

    Api.Reply offStep = api.send("PATCH", "/api/v1/clusters/" + cluster, token, "{\"cpuOvercommitPercent\":275}");
    assertEquals(422, offStep.status());
    assertEquals(404, api.send("POST", "/api/v1/nodes/node-000000000000/lock", token, null).status());
  }
}
