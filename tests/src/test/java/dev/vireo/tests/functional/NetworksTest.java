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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 N1 through the API on fake nodes: a network is ensured on every connected node of its
 * cluster, a node that registers later gets it, a node that cannot carry it fails the create and
 * leaves nothing behind, and every bad input is a 4xx naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworksTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private FakeAgent node1;
  private FakeAgent node2;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    node1 = server.fakeAgent();
    node2 = server.addFakeAgent();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static String body(String name, Integer vlan, String subnet, String extra) {
    return "{\"name\":\"" + name + "\",\"uplink\":\"trunk0\"," + (vlan == null ? "" : "\"vlanId\":" + vlan + ",")
        + "\"ipv4Subnet\":\"" + subnet + "\"" + (extra == null ? "" : "," + extra) + "}";
  }

  private JsonNode create(String body) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/networks", token, body);
    assertEquals(202, r.status(), r.toString());
    return api.waitForJob(token, r.json().get("jobId").asText());
  }

  @Test
  void createsANetworkOnEveryConnectedNodeWithDefaults() throws Exception {
    JsonNode job = create(body("prod", 10, "10.10.0.0/24", "\"ipv4Gateway\":\"10.10.0.1\""));
    assertEquals("SUCCEEDED", job.get("state").asText(), job.toString());
    String id = job.get("resourceId").asText();
    assertEquals(1, node1.ensuredNetworks().get(id));
    assertEquals(1, node2.ensuredNetworks().get(id));
    JsonNode n = api.send("GET", "/api/v1/networks/prod", token, null).json();
    assertEquals(id, n.get("id").asText());
    assertEquals("10.10.0.2", n.get("ipv4RangeStart").asText());
    assertEquals("10.10.0.254", n.get("ipv4RangeEnd").asText());
    assertEquals("114.114.114.114", n.get("dnsServers").get(0).asText());
    assertEquals(10, n.get("vlanId").asInt());
    boolean listed = false;
    for (JsonNode item : api.send("GET", "/api/v1/networks", token, null).json().get("items")) {
      listed |= item.get("id").asText().equals(id);
    }
    assertTrue(listed);
  }

  @Test
  void aNodeThatRegistersLaterGetsTheClustersNetworks() throws Exception {
    String id = create(body("later", 11, "10.11.0.0/24", null)).get("resourceId").asText();
    FakeAgent node3 = server.addFakeAgent();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (node3.ensuredNetworks().get(id) == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(1, node3.ensuredNetworks().get(id), "the NETWORK_SYNC job gave the new node the network");
    node3.register(); // a restarted agent registers again and is given the networks again (idempotent there)
    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (node3.ensuredNetworks().get(id) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(2, node3.ensuredNetworks().get(id));
  }

  @Test
  void aNodeThatCannotCarryTheNetworkFailsTheCreateAndNothingIsLeft() throws Exception {
    node2.failNetworks("no device trunk0");
    try {
      JsonNode job = create(body("broken", 12, "10.12.0.0/24", null));
      assertEquals("FAILED", job.get("state").asText(), job.toString());
      assertTrue(job.get("error").asText().contains(node2.nodeId()), job.get("error").asText());
      assertEquals(404, api.send("GET", "/api/v1/networks/broken", token, null).status());
    } finally {
      node2.failNetworks(null);
    }
    assertEquals("SUCCEEDED", create(body("broken", 12, "10.12.0.0/24", null)).get("state").asText(),
        "the name and VLAN are free again");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "'\"name\":\"x1\",\"uplink\":\"trunk0\",\"ipv4Subnet\":\"10.50.0.0/33\"' | 422 | ipv4Subnet",
      "'\"name\":\"x2\",\"uplink\":\"trunk0\",\"ipv4Subnet\":\"not-a-cidr\"' | 422 | ipv4Subnet",
      "'\"name\":\"x3\",\"uplink\":\"trunk0\"' | 422 | ipv4Subnet",
      "'\"name\":\"x4\",\"uplink\":\"trunk0\",\"ipv4Subnet\":\"10.50.0.0/24\",\"ipv4Gateway\":\"10.51.0.1\"' | 422 | ipv4Gateway",
      "'\"name\":\"x5\",\"uplink\":\"trunk0\",\"ipv4Subnet\":\"10.50.0.0/24\",\"ipv4RangeStart\":\"10.60.0.1\"' | 422 | ipv4RangeStart",
      "'\"name\":\"x6\",\"uplink\":\"trunk0\",\"vlanId\":0,\"ipv4Subnet\":\"10.50.0.0/24\"' | 422 | vlanId",
      "'\"name\":\"x7\",\"uplink\":\"trunk0\",\"vlanId\":4095,\"ipv4Subnet\":\"10.50.0.0/24\"' | 422 | vlanId",
      "'\"name\":\"x8\",\"uplink\":\"bad/uplink\",\"ipv4Subnet\":\"10.50.0.0/24\"' | 422 | uplink",
      "'\"name\":\"x9\",\"uplink\":\"trunk0\",\"ipv4Subnet\":\"10.50.0.0/24\",\"dnsServers\":[\"a\"]' | 422 | dnsServers",
      "'\"name\":\"dup\",\"uplink\":\"trunk0\",\"vlanId\":21,\"ipv4Subnet\":\"10.90.0.0/24\"' | 409 | name",
      "'\"name\":\"x10\",\"uplink\":\"trunk0\",\"vlanId\":20,\"ipv4Subnet\":\"10.20.0.128/25\"' | 422 | ipv4Subnet",
      "'\"name\":\"x11\",\"uplink\":\"trunk0\",\"vlanId\":20,\"ipv4Subnet\":\"10.21.0.0/24\"' | 409 | vlanId",
  })
  void refusesBadInputNamingTheField(String fields, int status, String field) throws Exception {
    if (api.send("GET", "/api/v1/networks/dup", token, null).status() == 404) {
      assertEquals("SUCCEEDED", create(body("dup", 20, "10.20.0.0/24", null)).get("state").asText());
    }
    Api.Reply r = api.send("POST", "/api/v1/networks", token, "{" + fields + "}");
    assertEquals(status, r.status(), r.toString());
    assertEquals(field, r.json().get("field").asText(), r.toString());
  }

  @Test
  void theSameSubnetOnAnotherVlanIsFine() throws Exception {
    assertEquals("SUCCEEDED", create(body("v30", 30, "10.30.0.0/24", null)).get("state").asText());
    assertEquals("SUCCEEDED", create(body("v31", 31, "10.30.0.0/24", null)).get("state").asText());
  }
}
