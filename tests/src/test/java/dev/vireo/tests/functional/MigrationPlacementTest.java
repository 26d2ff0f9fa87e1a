package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A live migration's destination obeys the VM's isolation groups like a create's placement, over
 * three fake nodes A, B, C: a chosen node that breaks a hard rule is a 422 naming the group, the
 * scheduler's choice never breaks a hard rule and follows a soft one when it can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationPlacementTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;
  private FakeAgent third;
  private String a;
  private String b;
  private String c;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    a = server.fakeAgent().nodeId();
    b = server.peerFakeAgent().nodeId();
    third = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.3").register();
    c = third.nodeId();
    imageId = Fixtures.importImage(server, token, dir, "placement-image");
  }

  @AfterAll
  void stop() throws Exception {
    if (third != null) {
      third.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private String group(String body) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/groups", token, body);
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private void lock(boolean lock, String... nodes) throws Exception {
    for (String n : nodes) {
      api.succeeded(token, api.send("POST", "/api/v1/nodes/" + n + (lock ? "/lock" : "/unlock"), token, null));
    }
  }

  /** A running VM on {@code node} (the others are locked while it is placed). */
  private String runningOn(String node, String name, String group) throws Exception {
    List<String> others = List.of(a, b, c).stream().filter(n -> !n.equals(node)).toList();
    lock(true, others.toArray(String[]::new));
    try {
      Api.Reply r = api.send("POST", "/api/v1/vms", token, "{\"name\":\"" + name + "\",\"image\":\"" + imageId
          + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true"
          + (group == null ? "" : ",\"groupIds\":[\"" + group + "\"]") + "}");
      api.succeeded(token, r);
      String id = r.json().get("resourceId").asText();
      assertEquals(node, nodeOf(id));
      return id;
    } finally {
      lock(false, others.toArray(String[]::new));
    }
  }

  private String nodeOf(String vm) throws Exception {
    return api.send("GET", "/api/v1/vms/" + vm, token, null).json().get("nodeId").asText();
  }

  private Api.Reply migrate(String vm, String node) throws Exception {
    return api.send("POST", "/api/v1/vms/" + vm + "/migrate", token, node == null ? null
        : "{\"nodeId\":\"" + node + "\"}");
  }

  @Test
  void hardAntiAffinityRefusesAChosenNodeAndTheSchedulersChoiceNamingTheGroup() throws Exception {
    String apart = group("{\"name\":\"mp-apart\",\"kind\":\"VM\",\"relation\":\"ANTI_AFFINITY\",\"strictness\":\"HARD\"}");
    String one = runningOn(a, "mp-apart-1", apart);
    String two = runningOn(b, "mp-apart-2", apart);

    Api.Reply chosen = migrate(one, b);
    assertEquals(422, chosen.status(), chosen.toString());
    assertEquals("nodeId", chosen.json().get("field").asText());
    assertTrue(chosen.json().get("message").asText().contains("hard anti-affinity group 'mp-apart'"),
        chosen.toString());

    lock(true, c); // the only node the rule allows
    try {
      Api.Reply none = migrate(one, null);
      assertEquals(422, none.status(), "B is free but holds the partner: " + none);
      assertTrue(none.json().get("message").asText().contains("'mp-apart'"), none.toString());
    } finally {
      lock(false, c);
    }
    assertEquals(a, nodeOf(one), "refused migrations change nothing");

    api.succeeded(token, migrate(one, null));
    assertEquals(c, nodeOf(one), "the scheduler's choice keeps the group apart");
    for (String vm : List.of(one, two)) {
      api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
    }
    api.succeeded(token, api.send("DELETE", "/api/v1/groups/" + apart, token, null));
  }

  @Test
  void softNodeAffinityWinsOverLoadAndSpreadWhenTheSchedulerChooses() throws Exception {
    // B is fuller than C: spread and load alone would choose C
    List<String> fillers = List.of(runningOn(b, "mp-fill-1", null), runningOn(b, "mp-fill-2", null));
    String onB = group("{\"name\":\"mp-prefer-b\",\"kind\":\"NODE\",\"relation\":\"AFFINITY\",\"strictness\":\"SOFT\","
        + "\"nodeIds\":[\"" + b + "\"]}");
    String vm = runningOn(a, "mp-soft", onB); // B locked meanwhile: the soft rule yields, the VM lands on A

    api.succeeded(token, migrate(vm, null));
    assertEquals(b, nodeOf(vm), "the soft rule chose B over the emptier C");

    // And a chosen node that breaks only a soft rule is accepted.
    api.succeeded(token, migrate(vm, c));
    assertEquals(c, nodeOf(vm));
    for (String id : List.of(vm, fillers.get(0), fillers.get(1))) {
      api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + id, token, null));
    }
    api.succeeded(token, api.send("DELETE", "/api/v1/groups/" + onB, token, null));
  }

  @Test
  void hardNodeAntiAffinityKeepsTheVmOffItsNodes() throws Exception {
    String notC = group("{\"name\":\"mp-not-c\",\"kind\":\"NODE\",\"relation\":\"ANTI_AFFINITY\","
        + "\"strictness\":\"HARD\",\"nodeIds\":[\"" + c + "\"]}");
    String vm = runningOn(a, "mp-not-c-vm", notC);
    Api.Reply chosen = migrate(vm, c);
    assertEquals(422, chosen.status(), chosen.toString());
    assertTrue(chosen.json().get("message").asText().contains("'mp-not-c'"), chosen.toString());
    JsonNode job = api.succeeded(token, migrate(vm, null));
    assertEquals("MIGRATE_VM", job.get("type").asText());
    assertEquals(b, nodeOf(vm), "the only node the rule allows");
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/groups/" + notC, token, null));
  }
}
