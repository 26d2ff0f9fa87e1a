package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.agent.protocol.MetricsReport;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.ServerPerClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 0047 on a real server: security groups and isolation groups belong to a region, alarms to
 * the region of their resource. A region administrator of another region lists none of the default
 * region's, is refused its items (403 naming the region, as for VMs) and its alarm records (404, as
 * for jobs); the default region's own administrator sees and reads them.
 */
class RegionScopedGroupsAndAlarmsTest extends ServerPerClass {
  private static final String PASSWORD = "Region-pass1";
  private static final ObjectMapper PROTOCOL = new ObjectMapper().registerModule(new JavaTimeModule());

  static String defaultRegion;
  static String node;
  static String other;
  static String own;

  @BeforeAll
  static void start() throws Exception {
    node = server.fakeAgent().nodeId();
    server.addRegion("region-b", "region-b");
    defaultRegion = api.send("GET", "/api/v1/regions", admin, null).json().at("/items/0/id").asText();
    other = account("other@example.com", "region-b");
    own = account("own@example.com", defaultRegion);
  }

  private static String account(String email, String region) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"REGION\",\"regionIds\":[\"" + region + "\"],\"roleIds\":[\"region-admin\"],"
        + "\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    Api.Reply in = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\"}");
    assertEquals(200, in.status(), in.toString());
    return in.json().path("token").asText();
  }

  private static String created(String token, String path, String body) throws Exception {
    Api.Reply r = api.send("POST", path, token, body);
    api.succeeded(token, r);
    return r.json().path("resourceId").asText();
  }

  private static List<String> ids(String path, String token) throws Exception {
    JsonNode page = api.send("GET", path, token, null).json();
    List<String> out = new ArrayList<>();
    page.path("items").forEach(i -> out.add(i.path("id").asText()));
    assertEquals(out.size(), page.path("total").asInt(), "total counts only the caller's regions: " + page);
    return out;
  }

  private static void refusedByRegion(String method, String path, String body) throws Exception {
    Api.Reply r = api.send(method, path, other, body);
    assertEquals(403, r.status(), method + " " + path + " -> " + r);
    assertTrue(r.json().path("message").asText().contains("not authorised for region " + defaultRegion), r.toString());
  }

  @Test
  void securityGroupsLieInTheirRegion() throws Exception {
    String home = created(admin, "/api/v1/security-groups", "{\"name\":\"sg-home\"}");
    String inB = created(admin, "/api/v1/security-groups", "{\"name\":\"sg-b\",\"regionId\":\"region-b\"}");
    assertEquals(defaultRegion, api.send("GET", "/api/v1/security-groups/" + home, own, null).json()
        .path("regionId").asText(), "a group without regionId lies in the default region");
    List<String> seenByOther = ids("/api/v1/security-groups", other);
    assertTrue(seenByOther.contains(inB) && !seenByOther.contains(home), seenByOther.toString());
    List<String> seenByOwn = ids("/api/v1/security-groups", own);
    assertTrue(seenByOwn.contains(home) && !seenByOwn.contains(inB), seenByOwn.toString());
    refusedByRegion("GET", "/api/v1/security-groups/" + home, null);
    refusedByRegion("GET", "/api/v1/security-groups/sg-home", null);
    refusedByRegion("PUT", "/api/v1/security-groups/" + home, "{\"name\":\"taken-over\"}");
    refusedByRegion("DELETE", "/api/v1/security-groups/" + home, null);
    refusedByRegion("POST", "/api/v1/security-groups/test", "{\"securityGroups\":[\"" + home + "\"],"
        + "\"direction\":\"ingress\",\"protocol\":\"tcp\",\"sourceAddress\":\"10.0.0.1\",\"port\":22}");
    refusedByRegion("POST", "/api/v1/security-groups", "{\"name\":\"falls-to-the-default\"}");
    refusedByRegion("POST", "/api/v1/security-groups", "{\"name\":\"names-it\",\"regionId\":\"" + defaultRegion + "\"}");
    // its own region's: created, read, and its job read
    Api.Reply mine = api.send("POST", "/api/v1/security-groups", other, "{\"name\":\"sg-b2\",\"regionId\":\"region-b\"}");
    api.succeeded(other, mine);
    assertEquals(200, api.send("GET", "/api/v1/security-groups/" + mine.json().path("resourceId").asText(), other, null)
        .status());
    Api.Reply unknown = api.send("POST", "/api/v1/security-groups", admin, "{\"name\":\"sg-x\",\"regionId\":\"nowhere\"}");
    assertEquals(422, unknown.status(), unknown.toString());
    assertEquals("regionId", unknown.json().path("field").asText(), unknown.toString());
    Api.Reply move = api.send("PUT", "/api/v1/security-groups/" + inB, admin, "{\"name\":\"sg-b\",\"regionId\":\""
        + defaultRegion + "\"}");
    assertEquals(422, move.status(), "a group stays in its region: " + move);
  }

  @Test
  void isolationGroupsLieInTheirRegionWithTheirNodes() throws Exception {
    String home = created(admin, "/api/v1/groups", "{\"name\":\"ig-home\",\"kind\":\"NODE\",\"relation\":\"AFFINITY\","
        + "\"nodeIds\":[\"" + node + "\"]}");
    String inB = created(admin, "/api/v1/groups", "{\"name\":\"ig-b\",\"kind\":\"VM\",\"relation\":\"ANTI_AFFINITY\","
        + "\"regionId\":\"region-b\"}");
    List<String> seenByOther = ids("/api/v1/groups", other);
    assertTrue(seenByOther.contains(inB) && !seenByOther.contains(home), seenByOther.toString());
    List<String> seenByOwn = ids("/api/v1/groups", own);
    assertTrue(seenByOwn.contains(home) && !seenByOwn.contains(inB), seenByOwn.toString());
    JsonNode read = api.send("GET", "/api/v1/groups/" + home, own, null).json();
    assertEquals(defaultRegion, read.path("regionId").asText(), read.toString());
    refusedByRegion("GET", "/api/v1/groups/" + home, null);
    refusedByRegion("PUT", "/api/v1/groups/" + home + "/nodes", "{\"nodeIds\":[]}");
    refusedByRegion("DELETE", "/api/v1/groups/" + home, null);
    refusedByRegion("POST", "/api/v1/groups", "{\"name\":\"ig-x\",\"kind\":\"VM\",\"relation\":\"AFFINITY\"}");
    // a VM joining another region's group is refused for that group, before its cluster is looked at
    Api.Reply join = api.send("POST", "/api/v1/placements/dry-run", other, "{\"spec\":\"1C2G\",\"groupIds\":[\""
        + home + "\"]}");
    assertEquals(403, join.status(), join.toString());
    assertTrue(join.json().path("message").asText().contains("of " + home), join.toString());
    // many references in one body (read with one query per kind): unknown and own ones pass, the
    // first foreign one in body order is named
    Api.Reply many = api.send("POST", "/api/v1/placements/dry-run", other, "{\"spec\":\"1C2G\",\"clusterId\":"
        + "\"no-such-cluster\",\"groupIds\":[\"no-such-group\",\"" + inB + "\",\"" + home + "\"],"
        + "\"nodeIds\":[\"" + node + "\"]}");
    assertEquals(403, many.status(), many.toString());
    assertTrue(many.json().path("message").asText().endsWith("of " + home), many.toString());
    // a group's nodes lie in its region
    Api.Reply elsewhere = api.send("POST", "/api/v1/groups", admin, "{\"name\":\"ig-far\",\"kind\":\"NODE\","
        + "\"relation\":\"AFFINITY\",\"regionId\":\"region-b\",\"nodeIds\":[\"" + node + "\"]}");
    assertEquals(422, elsewhere.status(), elsewhere.toString());
    assertEquals("nodeIds", elsewhere.json().path("field").asText(), elsewhere.toString());
    Api.Reply moved = api.send("PUT", "/api/v1/groups/" + created(admin, "/api/v1/groups", "{\"name\":\"ig-b-nodes\","
        + "\"kind\":\"NODE\",\"relation\":\"AFFINITY\",\"regionId\":\"region-b\"}") + "/nodes", admin,
        "{\"nodeIds\":[\"" + node + "\"]}");
    assertEquals(422, moved.status(), moved.toString());
  }

  @Test
  void aVmJoinsOnlyGroupsOfItsOwnRegionWhoeverAsks() throws Exception {
    String farGroup = created(admin, "/api/v1/groups", "{\"name\":\"ig-far-vm\",\"kind\":\"VM\","
        + "\"relation\":\"ANTI_AFFINITY\",\"regionId\":\"region-b\"}");
    Api.Reply dryRun = api.send("POST", "/api/v1/placements/dry-run", admin, "{\"spec\":\"1C2G\",\"groupIds\":[\""
        + farGroup + "\"]}");
    assertEquals(422, dryRun.status(), dryRun.toString());
    assertEquals("groupIds", dryRun.json().path("field").asText(), dryRun.toString());
    String farSg = created(admin, "/api/v1/security-groups", "{\"name\":\"sg-far-nic\",\"regionId\":\"region-b\"}");
    String network = created(admin, "/api/v1/networks", "{\"name\":\"region-net\",\"uplink\":\"trunk0\","
        + "\"vlanId\":103,\"ipv4Subnet\":\"10.103.0.0/24\",\"ipv4Gateway\":\"10.103.0.1\",\"dhcp\":false}");
    org.junit.jupiter.api.Assumptions.assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    String image = Fixtures.importImage(server, admin, dir, "region-image");
    Api.Reply vm = api.send("POST", "/api/v1/vms", admin, "{\"name\":\"region-vm\",\"spec\":\"1C2G\","
        + "\"image\":\"" + image + "\",\"nics\":[{\"network\":\"" + network + "\",\"securityGroups\":[\""
        + farSg + "\"]}]}");
    assertEquals(422, vm.status(), vm.toString());
    assertEquals("nics[0].securityGroups[0]", vm.json().path("field").asText(), vm.toString());
    assertTrue(vm.json().path("message").asText().contains("region-b"), vm.toString());
  }

  @Test
  void alarmsLieInTheRegionOfTheirResource() throws Exception {
    Api.Reply t = api.send("POST", "/api/v1/alarm-templates", admin, "{\"name\":\"region-load\",\"resourceType\":"
        + "\"node\",\"rules\":[{\"metric\":\"load1\",\"comparator\":\">\",\"threshold\":4,\"durationSeconds\":20,"
        + "\"severity\":\"IMPORTANT\"}]}");
    assertEquals(201, t.status(), t.toString());
    String template = t.json().path("id").asText();
    assertEquals(200, api.send("POST", "/api/v1/alarm-templates/" + template + "/bindings", admin,
        "{\"resourceIds\":[\"" + node + "\"]}").status());
    Api.Reply report = api.send("POST", AgentHttp.METRICS_PATH, server.joinToken(), PROTOCOL.writeValueAsString(
        new MetricsReport(node, Instant.now().minusSeconds(5), List.of(new MetricSample("node", node, "load1", 6)))));
    assertEquals(204, report.status(), report.toString());
    List<String> all = ids("/api/v1/alarms?resourceId=" + node, admin);
    assertFalse(all.isEmpty(), "the sample opened an alarm");
    String alarm = all.get(0);
    assertEquals(List.of(), ids("/api/v1/alarms", other), "another region's alarms");
    assertEquals(404, api.send("GET", "/api/v1/alarms/" + alarm, other, null).status(), "another region's alarm read");
    assertTrue(ids("/api/v1/alarms", own).contains(alarm));
    assertEquals(200, api.send("GET", "/api/v1/alarms/" + alarm, own, null).status());
  }
}
