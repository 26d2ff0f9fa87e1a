package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.OpenApi;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles on a real server (white paper 5.2.4, ADR 0038, 0039): every documented user operation,
 * called by an account of each built-in role, of a custom role, of a read-only account and of a
 * region administrator of another region, answers 403 exactly when the role lacks the
 * operation's declared permission (the expected rights are written here, not read from the
 * server). A region administrator sees nothing of another region and is refused its items.
 */
class AuthorizationMatrixTest {
  private static final Set<String> GLOBAL = Set.of("accounts", "roles", "security-settings", "branding",
      "platform-settings", "tls-certificate",
      "oauth-clients");
  private static final String PASSWORD = "Matrix-pass1";

  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static OpenApi spec;
  static String admin;
  static String defaultRegion;
  static String customRole;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    spec = OpenApi.load();
    admin = server.login();
    server.fakeAgent();
    server.addRegion("region-b", "region-b");
    defaultRegion = api.send("GET", "/api/v1/regions", admin, null).json().at("/items/0/id").asText();
    Api.Reply role = api.send("POST", "/api/v1/roles", admin,
        "{\"name\":\"operator\",\"permissions\":[\"vms:read\",\"vms:start\",\"vms:stop\",\"nodes:read\"]}");
    assertEquals(201, role.status(), role.toString());
    customRole = role.json().path("id").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String account(String email, String scope, String regions, String roles, boolean readOnly)
      throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"" + scope + "\",\"regionIds\":" + regions + ",\"roleIds\":" + roles
        + ",\"readOnly\":" + readOnly + ",\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    return login(email);
  }

  private static String login(String email) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\"}");
    assertEquals(200, r.status(), r.toString());
    return r.json().path("token").asText();
  }

  private static String permission(String op) {
    return spec.operation(op).path("x-vireo-permission").asText(null);
  }

  private static boolean isRead(String p) {
    return p.endsWith(":read");
  }

  private static boolean isGlobal(String p) {
    return GLOBAL.contains(p.substring(0, p.indexOf(':')));
  }

  /** Every user operation, placeholder ids and an empty body; 403 iff {@code grants} refuses its permission. */
  private static void matches(String who, String token, Predicate<String> grants) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String op : spec.operations()) {
      String p = permission(op);
      if (p == null || op.equals("POST /api/v1/auth/logout")) {
        continue; // login and agents (AuthRequiredTest); logout would end the walk
      }
      String[] mp = op.split(" ", 2);
      String path = mp[1].replace("{index}", "0").replaceAll("\\{[^}]+}", "x-1");
      String body = mp[0].equals("GET") || mp[0].equals("DELETE") ? null : "{}";
      Api.Reply r = path.equals("/api/v1/events") ? api.openStream(path, token) : api.send(mp[0], path, token, body);
      boolean allowed = p.equals("authenticated") || grants.test(p);
      boolean regionRefusal = r.status() == 403 && who.equals("region administrator of another region")
          && DEFAULT_REGION_CREATES.contains(op) && r.json().path("message").asText().contains("not authorised for region");
      if (allowed && (r.status() == 403 || r.status() == 401) && !regionRefusal) {
        wrong.add(op + " (" + p + ") refused: " + r);
      } else if (!allowed && r.status() != 403) {
        wrong.add(op + " (" + p + ") not refused: " + r);
      } else if (!allowed && !r.json().path("message").asText().contains(p)) {
        wrong.add(op + " 403 does not name " + p + ": " + r);
      }
    }
    assertEquals(List.of(), wrong, who);
  }

  /**
   * Creates that fall to the default cluster (or, ADR 0047, the default region) when the body names
   * none: AccessGuard checks that region, so another region's administrator is refused them by region.
   */
  private static final Set<String> DEFAULT_REGION_CREATES = java.util.stream.Stream.concat(
      dev.vireo.server.auth.AccessGuard.CREATES_IN_A_CLUSTER.stream(),
      dev.vireo.server.auth.AccessGuard.CREATES_IN_A_REGION.stream()).map(p -> "POST " + p)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  @Test
  void theCreatesFallingToADefaultAreDocumentedCreatesAndIncludeTheKnownOnes() {
    // the production sets must name real operations, and must not lose any of these
    for (String op : DEFAULT_REGION_CREATES) {
      assertTrue(spec.operations().contains(op), op + " is not a documented operation");
      assertTrue(permission(op).endsWith(":create") || op.equals("POST /api/v1/placements/dry-run"),
          op + " is no create: " + permission(op));
    }
    assertTrue(DEFAULT_REGION_CREATES.containsAll(Set.of("POST /api/v1/vms", "POST /api/v1/networks",
        "POST /api/v1/storage-clusters", "POST /api/v1/specs", "POST /api/v1/disks", "POST /api/v1/placements/dry-run",
        "POST /api/v1/security-groups", "POST /api/v1/groups")), DEFAULT_REGION_CREATES.toString());
  }

  @Test
  void everyOperationAnswersAsEachRoleSays() throws Exception {
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("system administrator", new Object[] {account("sys@example.com", "SYSTEM", "[]",
        "[\"system-admin\"]", false), (Predicate<String>) p -> true});
    cases.put("system read-only", new Object[] {account("sysro@example.com", "SYSTEM", "[]",
        "[\"system-readonly\"]", false), (Predicate<String>) AuthorizationMatrixTest::isRead});
    cases.put("region administrator", new Object[] {account("reg@example.com", "REGION",
        "[\"" + defaultRegion + "\"]", "[\"region-admin\"]", false), (Predicate<String>) p -> !isGlobal(p)});
    cases.put("region read-only", new Object[] {account("regro@example.com", "REGION",
        "[\"" + defaultRegion + "\"]", "[\"region-readonly\"]", false),
        (Predicate<String>) p -> isRead(p) && !isGlobal(p)});
    cases.put("custom role", new Object[] {account("op@example.com", "SYSTEM", "[]", "[\"" + customRole + "\"]",
        false), (Predicate<String>) Set.of("vms:read", "vms:start", "vms:stop", "nodes:read")::contains});
    cases.put("read-only system administrator", new Object[] {account("ro@example.com", "SYSTEM", "[]",
        "[\"system-admin\"]", true), (Predicate<String>) AuthorizationMatrixTest::isRead});
    cases.put("union of two roles", new Object[] {account("union@example.com", "SYSTEM", "[]",
        "[\"" + customRole + "\",\"system-readonly\"]", false),
        (Predicate<String>) p -> isRead(p) || p.equals("vms:start") || p.equals("vms:stop")});
    cases.put("region administrator of another region", new Object[] {account("regb@example.com", "REGION",
        "[\"region-b\"]", "[\"region-admin\"]", false), (Predicate<String>) p -> !isGlobal(p)});
    // its creates naming no cluster fall to the default cluster, of the default region: refused by region
    for (var c : cases.entrySet()) {
      @SuppressWarnings("unchecked")
      Predicate<String> grants = (Predicate<String>) c.getValue()[1];
      matches(c.getKey(), (String) c.getValue()[0], grants);
    }
  }

  @Test
  void aRegionAdministratorSeesAndTouchesOnlyItsRegions() throws Exception {
    String other = account("other@example.com", "REGION", "[\"region-b\"]", "[\"region-admin\"]", false);
    String own = account("own@example.com", "REGION", "[\"" + defaultRegion + "\"]", "[\"region-admin\"]", false);
    String cluster = api.send("GET", "/api/v1/clusters", admin, null).json().at("/items/0/id").asText();
    String node = server.fakeAgent().nodeId();
    String storage = api.send("GET", "/api/v1/storage-clusters", admin, null).json().at("/items/0/id").asText();
    for (String list : List.of("/api/v1/clusters", "/api/v1/nodes", "/api/v1/storage-clusters", "/api/v1/vms",
        "/api/v1/disks", "/api/v1/networks")) {
      JsonNode page = api.send("GET", list, other, null).json();
      assertEquals(0, page.path("total").asInt(), list + " shows another region's items: " + page);
      assertEquals(0, page.path("items").size(), list);
    }
    for (String create : List.of("/api/v1/networks", "/api/v1/storage-clusters", "/api/v1/specs")) {
      Api.Reply r = api.send("POST", create, other, "{\"name\":\"elsewhere\",\"clusterId\":\"" + cluster + "\"}");
      assertEquals(403, r.status(), create + " in another region's cluster: " + r);
    }
    // a create naming no cluster falls to the default cluster, which lies in the default region
    for (String create : List.of("/api/v1/networks", "/api/v1/specs", "/api/v1/disks", "/api/v1/vms",
        "/api/v1/placements/dry-run")) {
      Api.Reply r = api.send("POST", create, other, "{\"name\":\"nocluster\",\"spec\":\"1C2G\",\"sizeGiB\":1}");
      assertEquals(403, r.status(), create + " without a cluster: " + r);
      assertTrue(r.json().path("message").asText().contains("not authorised for region " + defaultRegion), r.toString());
    }
    // IDs nested in a body: a NIC's network; and a metric series names its resource in the query
    String network = api.send("POST", "/api/v1/networks", admin, "{\"name\":\"scoped-net\",\"uplink\":\"trunk0\","
        + "\"vlanId\":101,\"ipv4Subnet\":\"10.101.0.0/24\",\"ipv4Gateway\":\"10.101.0.1\",\"dhcp\":false}")
        .json().path("resourceId").asText();
    assertFalse(network.isEmpty());
    Api.Reply nested = api.send("POST", "/api/v1/vms", other, "{\"name\":\"nested\",\"spec\":\"1C2G\","
        + "\"nics\":[{\"network\":\"" + network + "\"}]}");
    assertEquals(403, nested.status(), nested.toString());
    assertTrue(nested.json().path("message").asText().contains("of " + network), nested.toString());
    String series = "/api/v1/metrics?resourceType=node&resourceId=" + node + "&metric=cpu_usage_percent";
    Api.Reply metrics = api.send("GET", series, other, null);
    assertEquals(403, metrics.status(), metrics.toString());
    assertEquals(200, api.send("GET", series, own, null).status(), "the region's own administrator reads it");
    Api.Reply disk = api.send("POST", "/api/v1/disks", other, "{\"name\":\"elsewhere\",\"sizeGiB\":1,"
        + "\"storageClusterId\":\"" + storage + "\"}");
    assertEquals(403, disk.status(), disk.toString());
    JsonNode regions = api.send("GET", "/api/v1/regions", other, null).json();
    assertEquals(1, regions.path("total").asInt(), regions.toString());
    assertEquals("region-b", regions.at("/items/0/id").asText(), "only its authorised region");
    assertTrue(api.send("GET", "/api/v1/clusters", own, null).json().path("total").asInt() >= 1);
    assertTrue(api.send("GET", "/api/v1/nodes", own, null).json().path("total").asInt() >= 1);
    for (String item : List.of("GET /api/v1/clusters/" + cluster, "GET /api/v1/nodes/" + node,
        "GET /api/v1/nodes/" + node + "/devices", "POST /api/v1/nodes/" + node + "/lock",
        "GET /api/v1/storage-clusters/" + storage, "PATCH /api/v1/clusters/" + cluster)) {
      String[] mp = item.split(" ", 2);
      Api.Reply r = api.send(mp[0], mp[1], other, mp[0].equals("GET") ? null : "{}");
      assertEquals(403, r.status(), item + " -> " + r);
      assertTrue(r.json().path("message").asText().contains("not authorised for region " + defaultRegion), r.toString());
      assertEquals(200, api.send("GET", mp[0].equals("GET") ? mp[1] : "/api/v1/nodes/" + node, own, null).status(),
          item + " for the region's own administrator");
    }
  }

  @Test
  void aRegionAdministratorSeesOnlyItsRegionsJobsOperationLogAndResourceEvents() throws Exception {
    String other = account("other-logs@example.com", "REGION", "[\"region-b\"]", "[\"region-admin\"]", false);
    String own = account("own-logs@example.com", "REGION", "[\"" + defaultRegion + "\"]", "[\"region-admin\"]",
        false);
    JsonNode created = api.send("POST", "/api/v1/networks", admin, "{\"name\":\"logged-net\",\"uplink\":\"trunk0\","
        + "\"vlanId\":102,\"ipv4Subnet\":\"10.102.0.0/24\",\"ipv4Gateway\":\"10.102.0.1\",\"dhcp\":false}").json();
    String job = created.path("jobId").asText();
    assertFalse(job.isEmpty(), created.toString());
    // jobs: the list and the item
    assertFalse(api.send("GET", "/api/v1/jobs?limit=1000", other, null).json().path("items").toString().contains(job),
        "another region's job listed");
    assertEquals(404, api.send("GET", "/api/v1/jobs/" + job, other, null).status(), "another region's job read");
    assertTrue(api.send("GET", "/api/v1/jobs?limit=1000", own, null).json().path("items").toString().contains(job));
    assertEquals(200, api.send("GET", "/api/v1/jobs/" + job, own, null).status());
    // the operation log: the create lies in the default region; another region's administrator sees
    // only entries of its region and its own (a refused create of its own is one)
    api.send("POST", "/api/v1/networks", other, "{\"name\":\"refused\"}");
    JsonNode othersLog = api.send("GET", "/api/v1/operation-logs?limit=1000", other, null).json();
    for (JsonNode e : othersLog.path("items")) {
      assertTrue("region-b".equals(e.path("regionId").asText()) || e.path("operator").asText().startsWith("other-logs"),
          "another region's entry: " + e);
    }
    assertTrue(othersLog.path("total").asInt() >= 1, "its own entries: " + othersLog);
    JsonNode ownLog = api.send("GET", "/api/v1/operation-logs?limit=1000", own, null).json();
    assertTrue(java.util.stream.StreamSupport.stream(ownLog.path("items").spliterator(), false)
        .anyMatch(e -> defaultRegion.equals(e.path("regionId").asText())), "its region's entries: " + ownLog);
    // resource events: the node's events lie in the default region
    JsonNode ownEvents = api.send("GET", "/api/v1/resource-events?limit=1000", own, null).json();
    assertTrue(java.util.stream.StreamSupport.stream(ownEvents.path("items").spliterator(), false)
        .anyMatch(e -> defaultRegion.equals(e.path("regionId").asText())), "its region's events: " + ownEvents);
    JsonNode events = api.send("GET", "/api/v1/resource-events?limit=1000", other, null).json();
    for (JsonNode e : events.path("items")) {
      assertEquals("region-b", e.path("regionId").asText(), "another region's event: " + e);
    }
  }

  @Test
  void aPasswordChangeDueOpensOnlyTheOwnAccount() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"due@example.com\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-admin\"]}");
    assertEquals(201, r.status(), r.toString());
    Api.Reply in = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"due@example.com\",\"password\":\""
        + PASSWORD + "\"}");
    assertTrue(in.json().path("mustChangePassword").asBoolean(), in.toString());
    String token = in.json().path("token").asText();
    Api.Reply vms = api.send("GET", "/api/v1/vms", token, null);
    assertEquals(403, vms.status());
    assertEquals("password_change_required", vms.json().path("code").asText());
    assertEquals(200, api.send("GET", "/api/v1/auth/account", token, null).status());
    assertEquals(204, api.send("POST", "/api/v1/auth/password", token, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newPassword\":\"Changed-pass2\"}").status());
    assertEquals(200, api.send("GET", "/api/v1/vms", token, null).status());
  }

  @Test
  void builtInRolesAreFixedAndCustomRolesNameKnownPermissions() throws Exception {
    assertEquals(409, api.send("PUT", "/api/v1/roles/system-admin", admin,
        "{\"name\":\"x\",\"permissions\":[\"vms:read\"]}").status());
    assertEquals(409, api.send("DELETE", "/api/v1/roles/region-admin", admin, null).status());
    Api.Reply bad = api.send("POST", "/api/v1/roles", admin, "{\"name\":\"bad\",\"permissions\":[\"vms:fly\"]}");
    assertEquals(422, bad.status());
    assertEquals("permissions[0]", bad.json().path("field").asText());
    JsonNode roles = api.send("GET", "/api/v1/roles", admin, null).json();
    assertTrue(roles.path("total").asInt() >= 5, roles.toString());
    assertEquals("system-admin", roles.at("/items/0/id").asText());
  }
}
