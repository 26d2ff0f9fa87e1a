package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes joining the cluster their agent names, and offline (cold) migration of a stopped VM to
 * another cluster, over fake nodes: one in the default cluster, one in cluster "c2" (ADR 0012; the
 * real thing runs in the lab's OfflineMigrationLabTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineMigrationTest {
  private static final ObjectMapper PROTOCOL = new ObjectMapper().registerModule(new JavaTimeModule());
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;
  private String c2;
  private String arm;
  private FakeAgent home;
  private FakeAgent inC2;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    home = server.fakeAgent();
    c2 = createCluster("{\"name\":\"c2\"}");
    arm = createCluster("{\"name\":\"arm\",\"arch\":\"AARCH64\"}");
    inC2 = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.3").cluster("c2").register();
    imageId = Fixtures.importImage(server, token, dir, "offline-image");
  }

  @AfterAll
  void stop() throws Exception {
    if (inC2 != null) {
      inC2.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private String createCluster(String body) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/clusters", token, body);
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private JsonNode get(String path) throws Exception {
    return api.send("GET", path, token, null).json();
  }

  private String vm(String name, boolean start) throws Exception {
    String body = Fixtures.vmBody(name, imageId);
    Api.Reply r = api.send("POST", "/api/v1/vms", token, start ? body.replace("false", "true") : body);
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private Api.Reply migrate(String id, String body) throws Exception {
    return api.send("POST", "/api/v1/vms/" + id + "/migrate", token, body);
  }

  private Api.Reply register(FakeAgent agent, String cluster) throws Exception {
    String json = PROTOCOL.writeValueAsString(agent.cluster(cluster).registration());
    agent.cluster(null);
    return api.send("POST", AgentHttp.REGISTER_PATH, server.joinToken(), json);
  }

  @Test
  void aNodeJoinsTheClusterItsAgentNamesAndAWrongClusterIsRefused() throws Exception {
    assertEquals(c2, get("/api/v1/nodes/" + inC2.nodeId()).get("clusterId").asText());
    String defaultCluster = get("/api/v1/nodes/" + home.nodeId()).get("clusterId").asText();
    assertFalse(defaultCluster.equals(c2));

    try (FakeAgent stray = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.4")) {
      Api.Reply unknown = register(stray, "no-such-cluster");
      assertEquals(422, unknown.status(), unknown.toString());
      assertEquals("cluster", unknown.json().get("field").asText());
      assertTrue(unknown.json().get("message").asText().contains("unknown cluster 'no-such-cluster'"), unknown.toString());

      Api.Reply arch = register(stray, "arm");
      assertEquals(422, arch.status(), arch.toString());
      assertEquals("cluster", arch.json().get("field").asText());
      assertTrue(arch.json().get("message").asText().contains("own CPU arch"), arch.toString());
      IOException viaAgent = assertThrows(IOException.class, () -> stray.cluster("arm").register());
      assertTrue(viaAgent.getMessage().contains("422"), viaAgent.getMessage());
    }
    long strays = get("/api/v1/nodes").get("items").findValues("agentUrl").stream()
        .filter(u -> u.asText().contains("127.0.0.4")).count();
    assertEquals(0, strays, "a refused node is not registered");

    // A node with VMs is not moved by a re-registration naming another cluster.
    String keeper = vm("keeper", false);
    assertEquals(home.nodeId(), get("/api/v1/vms/" + keeper).get("nodeId").asText());
    Api.Reply move = register(home, "c2");
    assertEquals(409, move.status(), move.toString());
    assertEquals(defaultCluster, get("/api/v1/nodes/" + home.nodeId()).get("clusterId").asText());
    Api.Reply same = register(home, null); // no cluster named: it stays where it is
    assertEquals(200, same.status(), same.toString());
    assertEquals(defaultCluster, get("/api/v1/nodes/" + home.nodeId()).get("clusterId").asText());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + keeper, token, null));
  }

  @Test
  void aStoppedVmMovesToAnotherClusterAndIsPlacedThereAtItsNextStart() throws Exception {
    String id = vm("traveller", true);
    assertEquals(home.nodeId(), get("/api/v1/vms/" + id).get("nodeId").asText());
    assertTrue(home.definedDomains().contains(id));

    Api.Reply running = migrate(id, "{\"clusterId\":\"" + c2 + "\"}");
    assertEquals(409, running.status(), running.toString());
    assertTrue(running.json().get("message").asText().contains("STOPPED"), running.toString());

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/stop", token, null));
    api.succeeded(token, migrate(id, "{\"clusterId\":\"c2\"}")); // by name works too
    JsonNode moved = get("/api/v1/vms/" + id);
    assertEquals(c2, moved.get("clusterId").asText());
    assertTrue(moved.get("nodeId").isNull(), moved.toString());
    assertEquals("STOPPED", moved.get("state").asText());
    assertFalse(home.definedDomains().contains(id), "the old node forgot the domain");

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/start", token, null));
    JsonNode started = get("/api/v1/vms/" + id);
    assertEquals("RUNNING", started.get("state").asText());
    assertEquals(inC2.nodeId(), started.get("nodeId").asText());
    assertTrue(inC2.definedDomains().contains(id));

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/poweroff", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
  }

  @Test
  void badTargetsAre422NamingClusterIdAndABothFieldsRequestIsRefused() throws Exception {
    String id = vm("grounded", false);
    String own = get("/api/v1/vms/" + id).get("clusterId").asText();
    String[][] cases = {
        {"{\"clusterId\":\"cluster-000000000000\"}", "clusterId", "unknown cluster"},
        {"{\"clusterId\":\"" + own + "\"}", "clusterId", "already in cluster"},
        {"{\"clusterId\":\"" + arm + "\"}", "clusterId", "one CPU arch"},
        {"{\"clusterId\":\"" + c2 + "\",\"nodeId\":\"" + inC2.nodeId() + "\"}", "nodeId", "not both"},
    };
    for (String[] c : cases) {
      Api.Reply r = migrate(id, c[0]);
      assertEquals(422, r.status(), c[0] + ": " + r);
      assertEquals(c[1], r.json().get("field").asText(), r.toString());
      assertTrue(r.json().get("message").asText().contains(c[2]), r.toString());
    }
    JsonNode same = get("/api/v1/vms/" + id);
    assertEquals(own, same.get("clusterId").asText(), "refused migrations change nothing");
    assertEquals(home.nodeId(), same.get("nodeId").asText());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
  }

  @Test
  void aTargetClusterWithoutAUsableNodeFailsTheStartWithTheSchedulersReason() throws Exception {
    String empty = createCluster("{\"name\":\"empty\"}");
    String id = vm("stranded", false);
    api.succeeded(token, migrate(id, "{\"clusterId\":\"" + empty + "\"}"));

    Api.Reply start = api.send("POST", "/api/v1/vms/" + id + "/start", token, null);
    assertEquals(202, start.status(), start.toString());
    JsonNode job = api.waitForJob(token, start.json().get("jobId").asText());
    assertEquals("FAILED", job.get("state").asText(), job.toString());
    assertTrue(job.get("error").asText().contains("cannot place the VM"), job.toString());
    JsonNode vm = get("/api/v1/vms/" + id);
    assertEquals("STOPPED", vm.get("state").asText(), vm.toString());
    assertTrue(vm.get("nodeId").isNull(), vm.toString());
    assertTrue(vm.get("stateReason").asText().contains("cannot place the VM"), vm.toString());

    // A create that fails at placement leaves no disk: starting it is refused, not placed.
    Api.Reply create = api.send("POST", "/api/v1/vms", token, Fixtures.vmBody("never", imageId)
        .replace("\"spec\"", "\"clusterId\":\"" + empty + "\",\"spec\""));
    JsonNode failed = api.waitForJob(token, create.json().get("jobId").asText());
    assertEquals("FAILED", failed.get("state").asText(), failed.toString());
    String never = create.json().get("resourceId").asText();
    Api.Reply startNever = api.send("POST", "/api/v1/vms/" + never + "/start", token, null);
    assertEquals(409, startNever.status(), startNever.toString());
    assertTrue(startNever.json().get("message").asText().contains("never created"), startNever.toString());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + never, token, null));

    // An unplaced VM is deleted like any other (its files through a node of its cluster, if any).
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
    assertEquals("DELETED", get("/api/v1/vms/" + id).get("state").asText());
  }
}
