package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's side of HA (ADR 0014) over three fake nodes with 1 s heartbeats, a 3 s node
 * timeout and 1 s probes: a node is declared DOWN only when its heartbeats stop AND more than
 * half of the other nodes report it unreachable; "never stop" VMs restart on another node after
 * the fencing grace, the others are stopped; the returning node is cleaned up. The real thing
 * (kill, partition, fencing on real QEMU) runs in the lab's HighAvailabilityLabTest.
 */
class HighAvailabilityTest {
  @TempDir
  Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;
  private FakeAgent a;
  private FakeAgent b;
  private FakeAgent c;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, config -> config.withHeartbeat(1, 3));
    api = server.api();
    token = server.login();
    a = server.fakeAgent();
    b = server.addFakeAgent();
    c = server.addFakeAgent();
    imageId = Fixtures.importImage(server, token, dir, "ha-image");
    String cluster = api.send("GET", "/api/v1/clusters", token, null).json().get("items").get(0).get("id").asText();
    api.succeeded(token, api.send("PATCH", "/api/v1/clusters/" + cluster, token, "{\"haProbeIntervalSeconds\":1}"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aFailedNodesNeverStopVmRestartsElsewhereTheOthersStopAndTheNodeIsCleanedUpWhenBack() throws Exception {
    String keeper = runningVmOn(a, "keeper", "NEVER_STOP");
    String casual = runningVmOn(a, "casual", "NONE");
    long t0 = System.nanoTime();

    a.silent(true); // no heartbeats: dead, or cut off from the server
    b.cannotReach(a.nodeId());
    c.cannotReach(a.nodeId());
    await("node a DOWN", Duration.ofSeconds(10), () -> "DOWN".equals(node(a).get("state").asText()));
    await("the never-stop VM running elsewhere", Duration.ofSeconds(20),
        () -> "RUNNING".equals(vm(keeper).get("state").asText()) && !a.nodeId().equals(vm(keeper).get("nodeId").asText()));
    long failoverMs = (System.nanoTime() - t0) / 1_000_000;
    String home = vm(keeper).get("nodeId").asText();
    FakeAgent now = home.equals(b.nodeId()) ? b : c;
    assertEquals(DomainPowerState.RUNNING, now.domains().get(keeper), "defined and started on its new node");

    await("the NONE VM stopped", Duration.ofSeconds(10), () -> "STOPPED".equals(vm(casual).get("state").asText()));
    JsonNode stopped = vm(casual);
    assertTrue(stopped.get("nodeId").isNull(), "it loses its node; the next start places it: " + stopped);
    assertTrue(stopped.get("stateReason").asText().contains("HA mode NONE"), stopped.toString());

    // The node comes back after fencing: its stale definitions go, it returns to service.
    a.fence();
    a.silent(false);
    await("node a CONNECTED again", Duration.ofSeconds(15), () -> "CONNECTED".equals(node(a).path("state").asText()));
    assertEquals(Set.of(), a.domains().keySet(), "stale definitions removed from the returning node");
    assertEquals("RUNNING", vm(keeper).get("state").asText(), "the restarted VM is not touched");
    assertEquals(home, vm(keeper).get("nodeId").asText());
    System.out.println("HA with fake nodes: failure to never-stop VM RUNNING elsewhere " + failoverMs + " ms");
  }

  // --- vm operations: a suspended VM's memory is on the shared storage ---

  @Test
  void aSuspendedVmOfAFailedNodeStaysSuspendedAndResumesOnAnotherNode() throws Exception {
    String sleeper = runningVmOn(a, "sleeper", "NEVER_STOP");
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + sleeper + "/suspend", token, null));

    a.silent(true);
    b.cannotReach(a.nodeId());
    c.cannotReach(a.nodeId());
    await("node a DOWN", Duration.ofSeconds(10), () -> "DOWN".equals(node(a).get("state").asText()));
    await("the suspended VM without a node", Duration.ofSeconds(20), () -> vm(sleeper).get("nodeId").isNull());
    JsonNode v = vm(sleeper);
    assertEquals("SUSPENDED", v.get("state").asText(), "not restarted (it was not running), not stopped: " + v);
    assertTrue(v.get("stateReason").asText().contains("restores it on another node"), v.toString());

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + sleeper + "/resume", token, null));
    JsonNode resumed = vm(sleeper);
    assertEquals("RUNNING", resumed.get("state").asText());
    assertNotEquals(a.nodeId(), resumed.get("nodeId").asText(), "placed on a live node and restored there");
  }

  @Test
  void aMinorityReportIsNotEnough() throws Exception {
    String keeper = runningVmOn(a, "keeper", "NEVER_STOP");
    a.silent(true);
    b.cannotReach(a.nodeId()); // 1 of 2: not more than half
    await("node a DISCONNECTED", Duration.ofSeconds(10), () -> "DISCONNECTED".equals(node(a).get("state").asText()));
    Thread.sleep(3000);
    assertEquals("DISCONNECTED", node(a).get("state").asText(), "not DOWN on one report of two");
    assertEquals(a.nodeId(), vm(keeper).get("nodeId").asText(), "nothing moved");
    assertFalse(b.domains().containsKey(keeper) || c.domains().containsKey(keeper));

    a.silent(false);
    await("the VM RUNNING where it was", Duration.ofSeconds(10), () -> "RUNNING".equals(vm(keeper).get("state").asText()));
    assertEquals("CONNECTED", node(a).get("state").asText());
  }

  @Test
  void peersThatCannotReachANodeTheServerHearsDoNotTakeItDown() throws Exception {
    runningVmOn(a, "keeper", "NEVER_STOP");
    b.cannotReach(a.nodeId());
    c.cannotReach(a.nodeId());
    Thread.sleep(5000);
    assertEquals("CONNECTED", node(a).get("state").asText(), "its heartbeats still arrive");
  }

  @Test
  void aNeverStopVmThatStopsOnItsOwnIsStartedAgainANoneVmIsNot() throws Exception {
    String keeper = runningVmOn(b, "keeper", "NEVER_STOP");
    String casual = runningVmOn(b, "casual", null);
    assertEquals("NONE", vm(casual).get("haMode").asText(), "the default HA mode");
    b.stopOnItsOwn(keeper);
    b.stopOnItsOwn(casual);
    await("the NONE VM seen STOPPED", Duration.ofSeconds(10), () -> "STOPPED".equals(vm(casual).get("state").asText()));
    await("the never-stop VM started again", Duration.ofSeconds(10),
        () -> b.domains().get(keeper) == DomainPowerState.RUNNING && "RUNNING".equals(vm(keeper).get("state").asText()));
    Thread.sleep(2000);
    assertEquals("STOPPED", vm(casual).get("state").asText());

    // HA mode is changed with PATCH; NONE stops the restarts.
    api.succeeded(token, api.send("PATCH", "/api/v1/vms/" + keeper, token, "{\"haMode\":\"NONE\"}"));
    assertEquals("NONE", vm(keeper).get("haMode").asText());
    b.stopOnItsOwn(keeper);
    await("stopped for good", Duration.ofSeconds(10), () -> "STOPPED".equals(vm(keeper).get("state").asText()));
    Thread.sleep(2000);
    assertEquals("STOPPED", vm(keeper).get("state").asText());
  }

  @Test
  void heartbeatRepliesNameThePeersAndTheClustersProbeSettings() throws Exception {
    await("a heartbeat reply", Duration.ofSeconds(5), () -> a.lastReply() != null && a.lastReply().peers().size() == 2);
    HeartbeatReply reply = a.lastReply();
    assertEquals(Set.of(b.url() + "/v1/health", c.url() + "/v1/health"),
        reply.peers().stream().map(PeerNode::probeUrl).collect(Collectors.toSet()));
    assertEquals(1, reply.probeIntervalSeconds());
    assertEquals(3, reply.probeRetries());
    assertEquals(2, reply.fenceAfterSeconds(), "node timeout 3 s less one heartbeat period");
    assertTrue(reply.haEnabled());
  }

  @Test
  void badHaSettingsAreRefusedWithTheFieldNamed() throws Exception {
    String cluster = api.send("GET", "/api/v1/clusters", token, null).json().get("items").get(0).get("id").asText();
    for (String body : List.of("{\"haProbeIntervalSeconds\":0}", "{\"haProbeIntervalSeconds\":61}")) {
      Api.Reply r = api.send("PATCH", "/api/v1/clusters/" + cluster, token, body);
      assertEquals(422, r.status(), r.toString());
      assertTrue(r.body().contains("haProbeIntervalSeconds"), r.body());
    }
    Api.Reply r = api.send("POST", "/api/v1/vms", token,
        Fixtures.vmBody("odd", imageId).replace("}", ",\"haMode\":\"SOMETIMES\"}"));
    assertTrue(r.status() == 400 || r.status() == 422, r.toString());
    assertTrue(r.body().contains("haMode"), r.body());
  }

  /** A running VM with the HA mode (null: default) placed on {@code node}: the others are locked meanwhile. */
  private String runningVmOn(FakeAgent node, String name, String haMode) throws Exception {
    List<FakeAgent> others = List.of(a, b, c).stream().filter(x -> x != node).toList();
    for (FakeAgent o : others) {
      api.succeeded(token, api.send("POST", "/api/v1/nodes/" + o.nodeId() + "/lock", token, null));
    }
    String body = Fixtures.vmBody(name, imageId).replace("\"start\":false", "\"start\":true");
    if (haMode != null) {
      body = body.replace("}", ",\"haMode\":\"" + haMode + "\"}");
    }
    Api.Reply r = api.send("POST", "/api/v1/vms", token, body);
    api.succeeded(token, r);
    for (FakeAgent o : others) {
      api.succeeded(token, api.send("POST", "/api/v1/nodes/" + o.nodeId() + "/unlock", token, null));
    }
    String id = r.json().get("resourceId").asText();
    assertEquals(node.nodeId(), vm(id).get("nodeId").asText());
    assertEquals("RUNNING", vm(id).get("state").asText());
    assertNotEquals(null, node.domains().get(id));
    return id;
  }

  private JsonNode vm(String id) throws Exception {
    return api.send("GET", "/api/v1/vms/" + id, token, null).json();
  }

  private JsonNode node(FakeAgent agent) throws Exception {
    Api.Reply r = api.send("GET", "/api/v1/nodes/" + agent.nodeId(), token, null);
    if (r.status() != 200) {
      throw new AssertionError("GET node: " + r);
    }
    return r.json();
  }

  private static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }
}
