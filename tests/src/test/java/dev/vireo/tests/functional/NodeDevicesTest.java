package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * White paper 5.5, node details: {@code GET /nodes/{id}/devices} asks the node's agent now. A
 * node that cannot answer is 503 with the reason, never a 500 and never a stale list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeDevicesTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;

  @BeforeAll
  void start() throws Exception {
    // a node is DISCONNECTED 3 s after its last heartbeat
    server = TestServer.start(dir, config -> config.withHeartbeat(1, 3));
    api = server.api();
    token = server.login();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsTheDevicesTheNodesAgentReports() throws Exception {
    String nodeId = server.fakeAgent().nodeId();

    Api.Reply r = api.send("GET", "/api/v1/nodes/" + nodeId + "/devices", token, null);

    assertEquals(200, r.status(), r.body());
    JsonNode d = r.json();
    assertEquals(nodeId, d.get("nodeId").asText());
    assertEquals("2026-01-01T00:00:00Z", d.get("observedAt").asText());
    assertEquals("eth0", d.at("/networkDevices/0/name").asText());
    assertEquals(10000, d.at("/networkDevices/0/speedMbps").asInt());
    assertEquals("ixgbe", d.at("/networkDevices/0/driver").asText());
    assertTrue(d.at("/networkDevices/1/virtual").asBoolean(), "the bridge is virtual");
    assertTrue(d.at("/networkDevices/1/speedMbps").isNull());
    assertEquals("partition", d.at("/blockDevices/1/type").asText());
    assertEquals("/", d.at("/blockDevices/1/mountPoints/0").asText());
    assertEquals(500L << 30, d.at("/blockDevices/0/sizeBytes").asLong());
    assertEquals("0781", d.at("/usbDevices/0/vendorId").asText());
    assertEquals("Ultra", d.at("/usbDevices/0/product").asText());
    assertEquals("030200", d.at("/pciDevices/0/classId").asText());
    assertEquals("vfio-pci", d.at("/pciDevices/0/driver").asText());
    assertEquals(FakeAgent.devices().networkInterfaces().size(), d.get("networkDevices").size());
  }

  @Test
  void anUnknownNodeIs404() throws Exception {
    Api.Reply r = api.send("GET", "/api/v1/nodes/node-nosuch/devices", token, null);
    assertEquals(404, r.status(), r.body());
    assertTrue(r.json().get("message").asText().contains("node-nosuch"), r.body());
  }

  @Test
  void aConnectedNodeWhoseAgentIsGoneIs503NamingTheNode() throws Exception {
    FakeAgent gone = server.addFakeAgent();
    String nodeId = gone.nodeId();
    gone.close(); // its port closes at once; the server still has it CONNECTED for up to 3 s

    Api.Reply r = api.send("GET", "/api/v1/nodes/" + nodeId + "/devices", token, null);

    assertEquals(503, r.status(), r.body());
    assertEquals("node_unavailable", r.json().get("code").asText(), r.body());
    assertTrue(r.json().get("message").asText().contains(nodeId), r.body());
  }

  @Test
  void aDisconnectedNodeIs503WithoutAskingIt() throws Exception {
    FakeAgent silent = server.addFakeAgent();
    String nodeId = silent.nodeId();
    silent.silent(true);
    awaitNodeState(nodeId, "DISCONNECTED", Duration.ofSeconds(15));

    Api.Reply r = api.send("GET", "/api/v1/nodes/" + nodeId + "/devices", token, null);

    assertEquals(503, r.status(), r.body());
    assertTrue(r.json().get("message").asText().contains("is DISCONNECTED"), r.body());
  }

  private void awaitNodeState(String nodeId, String state, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last = api.send("GET", "/api/v1/nodes/" + nodeId, token, null).json().get("state").asText();
      if (state.equals(last)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("node " + nodeId + " is still " + last + ", not " + state);
  }
}
