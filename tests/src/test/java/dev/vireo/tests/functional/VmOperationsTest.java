package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suspend to file, resume, resize and CPU mode through the API with a fake node (white paper 4.2.3,
 * 4.2.17; ADR 0024): the jobs, the agent commands they send, idempotency by target state and the
 * 4xx for each rule, naming the field. The real hypervisor is covered by {@code VmOperationsE2eTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmOperationsTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private FakeAgent agent;
  private String imageId;
  private String clusterId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    agent = server.fakeAgent();
    imageId = Fixtures.importImage(server, token, dir, "ops-image");
    clusterId = api.send("GET", "/api/v1/clusters", token, null).json().at("/items/0/id").asText();
    // specs a running 1C2G VM can be hot-upgraded to (same memory), and one larger than the fake node
    for (String spec : new String[] {"{\"cpu\":2,\"memoryGiB\":2}", "{\"cpu\":4,\"memoryGiB\":2}",
        "{\"cpu\":128,\"memoryGiB\":256}"}) {
      api.succeeded(token, api.send("POST", "/api/v1/specs", token, spec.replace("{", "{\"clusterId\":\""
          + clusterId + "\",")));
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String runningVm(String name) throws Exception {
    String body = Fixtures.vmBody(name, imageId).replace("\"start\":false", "\"start\":true");
    Api.Reply r = api.send("POST", "/api/v1/vms", token, body);
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private JsonNode vm(String id) throws Exception {
    return api.send("GET", "/api/v1/vms/" + id, token, null).json();
  }

  private JsonNode post(String id, String action, String body) throws Exception {
    return api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/" + action, token, body));
  }

  private static void assertRefused(Api.Reply r, int status, String field, String rule) {
    assertEquals(status, r.status(), r.toString());
    if (field != null) {
      assertEquals(field, r.json().path("field").asText(), r.toString());
    }
    assertTrue(r.json().path("message").asText().contains(rule), r.json().path("message").asText());
  }

  @Test
  void suspendSavesToTheSharedStorageAndResumeRestores() throws Exception {
    String id = runningVm("ops-suspend");
    JsonNode job = post(id, "suspend", null);
    assertEquals("SUSPEND_VM", job.get("type").asText());
    assertEquals("SUSPENDED", vm(id).get("state").asText());
    assertTrue(agent.saveImage(id).endsWith("/vms/" + id + "/memory.save"), agent.saveImage(id));

    assertEquals("NO_OP", post(id, "suspend", null).get("type").asText(), "suspending a SUSPENDED VM does nothing");
    // the node reports the domain shut off: for a suspended VM that is the expected picture, not a stop
    Thread.sleep(2500);
    assertEquals("SUSPENDED", vm(id).get("state").asText(), "heartbeats leave a SUSPENDED VM alone");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/stop", token, null), 409, null, "SUSPENDED");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"2C4G\"}"), 409, null,
        "while it is SUSPENDED");

    JsonNode resumed = post(id, "resume", null);
    assertEquals("RESUME_VM", resumed.get("type").asText());
    assertEquals("RUNNING", vm(id).get("state").asText());
    assertNull(agent.saveImage(id), "the save image is consumed by the restore");
    assertEquals("NO_OP", post(id, "resume", null).get("type").asText(), "resuming a RUNNING VM does nothing");
  }

  @Test
  void startOfASuspendedVmRestoresItAndDeleteRemovesTheImage() throws Exception {
    String id = runningVm("ops-start-suspended");
    post(id, "suspend", null);
    assertEquals("RESUME_VM", post(id, "start", null).get("type").asText(), "a start of a SUSPENDED VM restores it");
    assertEquals("RUNNING", vm(id).get("state").asText());

    post(id, "suspend", null);
    assertNotNull(agent.saveImage(id));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
    assertEquals("DELETED", vm(id).get("state").asText());
    assertNull(agent.saveImage(id), "deleting a suspended VM removes its save image with its directory");
  }

  @Test
  void suspendOrResumeOfAStoppedVmIsAConflict() throws Exception {
    String id = Fixtures.createVm(server, token, "ops-stopped", imageId);
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/suspend", token, null), 409, null,
        "cannot suspend VM " + id + " while it is STOPPED");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resume", token, null), 409, null,
        "cannot resume VM " + id + " while it is STOPPED");
  }

  @Test
  void aStoppedVmIsResizedUpAndDown() throws Exception {
    String id = Fixtures.createVm(server, token, "ops-offline", imageId);
    JsonNode up = post(id, "resize", "{\"spec\":\"4C8G\"}");
    assertEquals("RESIZE_VM", up.get("type").asText());
    assertEquals(4, vm(id).get("cpu").asInt());
    assertEquals(8, vm(id).get("memoryGiB").asInt());
    assertEquals(4, agent.lastDefinition(id).vm().vcpus(), "the stopped domain is redefined at once");
    assertEquals(8192, agent.lastDefinition(id).vm().memoryMiB());

    post(id, "resize", "{\"cpu\":1,\"memoryGiB\":2}");
    assertEquals(1, vm(id).get("cpu").asInt());
    assertEquals(2, vm(id).get("memoryGiB").asInt());
    assertEquals(1, agent.lastDefinition(id).vm().vcpus());
    assertEquals("NO_OP", post(id, "resize", "{\"spec\":\"1C2G\"}").get("type").asText(), "same size: nothing to do");
  }

  @Test
  void aRunningVmGetsCpusHotAddedUpToItsCeilingButNeverShrinks() throws Exception {
    String id = runningVm("ops-hot");
    assertEquals(2, vm(id).get("maxCpu").asInt(), "a 1 vCPU VM starts with room for 2");
    assertEquals(2, agent.lastDefinition(id).vm().vcpuMaximum());

    JsonNode hot = post(id, "resize", "{\"cpu\":2,\"memoryGiB\":2}");
    assertEquals("RESIZE_VM", hot.get("type").asText());
    assertEquals(2, agent.vcpus(id), "the vCPU is hot-added on the node");
    assertEquals(2, vm(id).get("cpu").asInt());
    assertEquals("RUNNING", vm(id).get("state").asText());

    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"1C2G\"}"), 409, "cpu",
        "only hot-upgraded, never shrunk");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"2C4G\"}"), 409, "memoryGiB",
        "memory of a RUNNING VM cannot grow");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"4C2G\"}"), 409, "cpu",
        "room for at most 2 vCPU");
    assertEquals(2, vm(id).get("cpu").asInt(), "refused resizes change nothing");
  }

  @Test
  void resizeBeyondTheClusterOrTheNodeIsRefusedNamingTheField() throws Exception {
    String id = Fixtures.createVm(server, token, "ops-limits", imageId);
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"cpu\":200,\"memoryGiB\":400}"), 422,
        "cpu", "above the cluster maximum of 128 vCPU");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"cpu\":3,\"memoryGiB\":4}"), 422,
        "cpu", "must be 1 or an even number");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"7C9G\"}"), 422,
        "spec", "unknown spec");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"2C4G\",\"cpu\":2}"), 422,
        "spec", "not both");
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, null), 422, "spec", "give a spec");
    // the fake node has 64 CPUs at 100 % overcommit: 128 vCPU do not fit on it
    assertRefused(api.send("POST", "/api/v1/vms/" + id + "/resize", token, "{\"spec\":\"128C256G\"}"), 409, "cpu",
        "has no room");
    assertEquals(1, vm(id).get("cpu").asInt());
  }

  @Test
  void cpuModeIsSetAtCreateShownAndChangedOnlyWhenStopped() throws Exception {
    String body = Fixtures.vmBody("ops-passthrough", imageId).replace("\"start\":false",
        "\"start\":true,\"cpuMode\":\"HOST_PASSTHROUGH\"");
    Api.Reply created = api.send("POST", "/api/v1/vms", token, body);
    api.succeeded(token, created);
    String id = created.json().get("resourceId").asText();
    assertEquals("HOST_PASSTHROUGH", vm(id).get("cpuMode").asText());
    assertEquals("HOST_PASSTHROUGH", agent.lastDefinition(id).vm().cpuMode());
    assertEquals("CUSTOM", vm(Fixtures.createVm(server, token, "ops-default-mode", imageId)).get("cpuMode").asText());

    assertRefused(api.send("PATCH", "/api/v1/vms/" + id, token, "{\"cpuMode\":\"CUSTOM\"}"), 409, "cpuMode",
        "only while the VM is STOPPED");
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + id + "/poweroff", token, null));
    api.succeeded(token, api.send("PATCH", "/api/v1/vms/" + id, token, "{\"cpuMode\":\"CUSTOM\"}"));
    assertEquals("CUSTOM", vm(id).get("cpuMode").asText());
    post(id, "start", null);
    assertEquals("CUSTOM", agent.lastDefinition(id).vm().cpuMode(), "the new mode applies at the next start");
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // puts a node in maintenance: after the tests that use one node
  void aSuspendedVmMovesOffANodeInMaintenanceAndResumesOnTheOther() throws Exception {
    FakeAgent peer = server.peerFakeAgent();
    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + peer.nodeId() + "/lock", token, null));
    String id;
    try {
      id = runningVm("ops-evacuated");
    } finally {
      api.succeeded(token, api.send("POST", "/api/v1/nodes/" + peer.nodeId() + "/unlock", token, null));
    }
    String node = vm(id).get("nodeId").asText();
    post(id, "suspend", null);

    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + node + "/lock", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + node + "/maintenance", token, null));
    assertEquals(peer.nodeId(), vm(id).get("nodeId").asText(), "the suspended VM's definition moved");
    assertEquals("SUSPENDED", vm(id).get("state").asText());

    post(id, "resume", null);
    assertEquals("RUNNING", vm(id).get("state").asText(), "restored on the new node from the shared storage");
    assertEquals("RUNNING", peer.domains().get(id).name());

    api.succeeded(token, api.send("DELETE", "/api/v1/nodes/" + node + "/maintenance", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/nodes/" + node + "/unlock", token, null));
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it registers a node that goes away afterwards
  void aHostPassthroughVmMigratesLiveOnlyToANodeWithTheSameCpu() throws Exception {
    try (FakeAgent other = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.3")
        .cpuModel("Another CPU").register()) {
      String body = Fixtures.vmBody("ops-pt-migrate", imageId).replace("\"start\":false",
          "\"start\":true,\"cpuMode\":\"HOST_PASSTHROUGH\"");
      Api.Reply created = api.send("POST", "/api/v1/vms", token, body);
      api.succeeded(token, created);
      String id = created.json().get("resourceId").asText();
      String node = vm(id).get("nodeId").asText();
      String target = node.equals(other.nodeId()) ? agent.nodeId() : other.nodeId();
      assertRefused(api.send("POST", "/api/v1/vms/" + id + "/migrate", token, "{\"nodeId\":\"" + target + "\"}"),
          422, "nodeId", "migrates live only between nodes that report the same CPU");
      // a CUSTOM VM goes there
      String custom = runningVm("ops-custom-migrate");
      String to = vm(custom).get("nodeId").asText().equals(other.nodeId()) ? agent.nodeId() : other.nodeId();
      api.succeeded(token, api.send("POST", "/api/v1/vms/" + custom + "/migrate", token, "{\"nodeId\":\"" + to + "\"}"));
      assertEquals(to, vm(custom).get("nodeId").asText());
      // nothing stays on the extra node, which goes away with this test
      api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + custom, token, null));
      api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
    }
  }
}
