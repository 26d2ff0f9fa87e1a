package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.OpenApi;
import dev.vireo.tests.support.RouteScan;
import dev.vireo.tests.support.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi.yaml is the contract SDK, CLI and desktop client are written against: every documented
 * operation must exist on a running server, answer its documented success status to a valid
 * request with a body shaped exactly like its schema, and every route must be documented.
 */
class OpenApiConformanceTest {
  /** Every route registered by PlatformRoutes, InventoryRoutes, ImageRoutes, VmRoutes, NodeLockRoutes, NodeDeviceRoutes, MaintenanceRoutes, GroupRoutes, PlacementRoutes and AgentRoutes. */
  static final Set<String> SERVER_ROUTES = Set.of(
      "GET /api/v1/security-groups", "GET /api/v1/security-groups/{id}", "POST /api/v1/security-groups",
      "PUT /api/v1/security-groups/{id}", "DELETE /api/v1/security-groups/{id}", "POST /api/v1/security-groups/test",
      "GET /api/v1/port-groups", "GET /api/v1/port-groups/{id}", "POST /api/v1/port-groups", "PUT /api/v1/port-groups/{id}",
      "DELETE /api/v1/port-groups/{id}", "GET /api/v1/ip-groups", "GET /api/v1/ip-groups/{id}", "POST /api/v1/ip-groups",
      "PUT /api/v1/ip-groups/{id}", "DELETE /api/v1/ip-groups/{id}",
      "POST /api/v1/auth/login", "POST /api/v1/auth/logout",
      // accounts, roles and console security (ADR 0038, 0039)
      "GET /api/v1/accounts", "POST /api/v1/accounts", "GET /api/v1/accounts/{id}", "PATCH /api/v1/accounts/{id}",
      "DELETE /api/v1/accounts/{id}", "POST /api/v1/accounts/{id}/freeze", "POST /api/v1/accounts/{id}/unfreeze",
      "PUT /api/v1/accounts/{id}/regions", "GET /api/v1/auth/account", "POST /api/v1/auth/password",
      // login security (ADR 0041)
      "POST /api/v1/auth/totp", "POST /api/v1/auth/totp/confirm", "POST /api/v1/auth/totp/disable",
      "POST /api/v1/auth/email", "POST /api/v1/auth/password-recovery", "GET /api/v1/auth/password-reset", "POST /api/v1/auth/password-reset",
      "DELETE /api/v1/accounts/{id}/totp", "GET /api/v1/accounts/{id}/ip-allow-list",
      "PUT /api/v1/accounts/{id}/ip-allow-list", "GET /api/v1/accounts/{id}/sessions",
      "DELETE /api/v1/accounts/{id}/sessions", "DELETE /api/v1/accounts/{id}/sessions/{sessionId}",
      // API key pairs (ADR 0042)
      "GET /api/v1/accounts/{id}/api-keys", "POST /api/v1/accounts/{id}/api-keys",
      "POST /api/v1/accounts/{id}/api-keys/{keyId}/disable", "POST /api/v1/accounts/{id}/api-keys/{keyId}/enable",
      "DELETE /api/v1/accounts/{id}/api-keys/{keyId}",
      "GET /api/v1/roles", "POST /api/v1/roles", "GET /api/v1/roles/{id}", "PUT /api/v1/roles/{id}",
      "DELETE /api/v1/roles/{id}", "GET /api/v1/permissions", "GET /api/v1/settings/security",
      "PUT /api/v1/settings/security", "GET /api/v1/ping", "GET /api/v1/openapi.yaml",
      "GET /api/v1/jobs", "GET /api/v1/jobs/{id}", "GET /api/v1/events",
      "GET /api/v1/regions", "GET /api/v1/clusters", "GET /api/v1/clusters/{id}", "POST /api/v1/clusters",
      "PATCH /api/v1/clusters/{id}", "GET /api/v1/nodes", "GET /api/v1/nodes/{id}",
      "GET /api/v1/nodes/{id}/devices",
      "POST /api/v1/nodes/{id}/lock", "POST /api/v1/nodes/{id}/unlock",
      "POST /api/v1/nodes/{id}/maintenance", "DELETE /api/v1/nodes/{id}/maintenance",
      "GET /api/v1/specs", "POST /api/v1/specs", "PATCH /api/v1/specs/{id}", "DELETE /api/v1/specs/{id}",
      "GET /api/v1/disk-specs", "GET /api/v1/disk-specs/{id}", "PATCH /api/v1/disk-specs/{id}",
      "GET /api/v1/images", "GET /api/v1/images/{id}", "POST /api/v1/images", "DELETE /api/v1/images/{id}",
      "GET /api/v1/vms", "GET /api/v1/vms/{id}", "POST /api/v1/vms", "PATCH /api/v1/vms/{id}",
      "POST /api/v1/vms/{id}/start", "POST /api/v1/vms/{id}/stop", "POST /api/v1/vms/{id}/poweroff",
      "POST /api/v1/vms/{id}/reboot", "POST /api/v1/vms/{id}/migrate", "DELETE /api/v1/vms/{id}",
      "GET /api/v1/vms/{id}/serial-log", "PATCH /api/v1/vms/{id}/nics/{index}",
      "PUT /api/v1/vms/{id}/nics/{index}/security-groups",
      "GET /api/v1/groups", "POST /api/v1/groups", "GET /api/v1/groups/{id}", "DELETE /api/v1/groups/{id}",
      "PUT /api/v1/groups/{id}/nodes", "POST /api/v1/placements/dry-run",
      "GET /api/v1/networks", "POST /api/v1/networks", "GET /api/v1/networks/{id}", "DELETE /api/v1/networks/{id}",
      "PATCH /api/v1/networks/{id}",
      // storage clusters and virtual disks (ADR 0021)
      "GET /api/v1/storage-clusters", "GET /api/v1/storage-clusters/{id}", "POST /api/v1/storage-clusters",
      "POST /api/v1/storage-clusters/{id}/refresh", "DELETE /api/v1/storage-clusters/{id}",
      "GET /api/v1/disks", "GET /api/v1/disks/{id}", "POST /api/v1/disks", "POST /api/v1/disks/{id}/resize",
      "POST /api/v1/disks/{id}/clone",
      "DELETE /api/v1/disks/{id}", "GET /api/v1/vms/{id}/disks", "POST /api/v1/vms/{id}/disks",
      "DELETE /api/v1/vms/{id}/disks/{diskId}",
      "POST /api/v1/agent/register", "POST /api/v1/agent/heartbeat", "POST /api/v1/agent/peers",
      "POST /api/v1/agent/events",
      "POST /api/v1/agent/callbacks/{taskId}",
      // vm operations: suspend to file, restore, resize
      "POST /api/v1/vms/{id}/suspend", "POST /api/v1/vms/{id}/resume", "POST /api/v1/vms/{id}/resize",
      // storage live migration (ADR 0026)
      "POST /api/v1/disks/{id}/migrate",
      // system disk storage migration (ADR 0028)
      "POST /api/v1/vms/{id}/system-disk/migrate",
      // system disk growth (C4, ADR 0026)
      "POST /api/v1/vms/{id}/system-disk/resize",
      // devices (ADR 0027): USB passthrough and redirection
      "GET /api/v1/vms/{id}/usb-devices", "POST /api/v1/vms/{id}/usb-devices",
      "DELETE /api/v1/vms/{id}/usb-devices/{usbId}",
      // disk snapshots (ADR 0025)
      "GET /api/v1/disks/{id}/snapshots", "GET /api/v1/disks/{id}/snapshots/{snapshotId}",
      "POST /api/v1/disks/{id}/snapshots", "DELETE /api/v1/disks/{id}/snapshots/{snapshotId}",
      "POST /api/v1/disks/{id}/snapshots/{snapshotId}/rollback",
      "POST /api/v1/disks/{id}/snapshots/{snapshotId}/disks",
      "GET /api/v1/vms/{id}/snapshots", "GET /api/v1/vms/{id}/snapshots/{snapshotId}",
      "POST /api/v1/vms/{id}/snapshots", "DELETE /api/v1/vms/{id}/snapshots/{snapshotId}",
      "POST /api/v1/vms/{id}/snapshots/{snapshotId}/rollback", "POST /api/v1/vms/{id}/snapshots/{snapshotId}/disks",
      // disk QoS (ADR 0025)
      "GET /api/v1/disks/{id}/qos", "PUT /api/v1/disks/{id}/qos",
      // images from VMs, image download, reinstall, ISO eject (ADR 0029)
      "GET /api/v1/images/{id}/file", "POST /api/v1/vms/{id}/image", "POST /api/v1/vms/{id}/reinstall",
      "DELETE /api/v1/vms/{id}/cdrom",
      // secure VM console (ADR 0030)
      "POST /api/v1/vms/{id}/console",
      // operation log (ADR 0032)
      "GET /api/v1/operation-logs", "GET /api/v1/operation-logs/export",
      "GET /api/v1/resource-events", "GET /api/v1/resource-events/export",
      // metrics (ADR 0033)
      "POST /api/v1/agent/metrics", "GET /api/v1/metrics", "GET /metrics",
      // notification groups (ADR 0034)
      "GET /api/v1/notification-contacts", "POST /api/v1/notification-contacts",
      "GET /api/v1/notification-contacts/{id}", "PUT /api/v1/notification-contacts/{id}",
      "DELETE /api/v1/notification-contacts/{id}", "GET /api/v1/notification-groups",
      "POST /api/v1/notification-groups", "GET /api/v1/notification-groups/{id}",
      "PUT /api/v1/notification-groups/{id}", "DELETE /api/v1/notification-groups/{id}",
      "POST /api/v1/notification-groups/{id}/test", "GET /api/v1/notification-deliveries",
      "GET /api/v1/settings/smtp", "PUT /api/v1/settings/smtp",
      // platform settings (ADR 0045)
      "POST /api/v1/settings/smtp/test", "GET /api/v1/settings/disks", "PUT /api/v1/settings/disks",
      "GET /api/v1/settings/deletion-policy", "PUT /api/v1/settings/deletion-policy",
      "GET /api/v1/settings/tls-certificate", "PUT /api/v1/settings/tls-certificate",
      // alarms (ADR 0036)
      "GET /api/v1/alarm-templates", "POST /api/v1/alarm-templates", "GET /api/v1/alarm-templates/{id}",
      "PUT /api/v1/alarm-templates/{id}", "DELETE /api/v1/alarm-templates/{id}",
      "POST /api/v1/alarm-templates/{id}/bindings", "DELETE /api/v1/alarm-templates/{id}/bindings/{resourceId}",
      "GET /api/v1/alarms", "GET /api/v1/alarms/{id}",
      "GET /api/v1/notification-rules", "POST /api/v1/notification-rules", "GET /api/v1/notification-rules/{id}",
      "PUT /api/v1/notification-rules/{id}", "DELETE /api/v1/notification-rules/{id}",
      // branding (ADR 0044); the two GETs are open (AuthRequiredTest.OPEN)
      "GET /api/v1/branding", "PUT /api/v1/branding", "POST /api/v1/branding/reset",
      "GET /api/v1/branding/images/{kind}", "PUT /api/v1/branding/images/{kind}",
      "DELETE /api/v1/branding/images/{kind}",
      // OAuth 2.0 / OpenID Connect provider (ADR 0043)
      "GET /api/v1/oauth-clients", "POST /api/v1/oauth-clients", "GET /api/v1/oauth-clients/{id}",
      "DELETE /api/v1/oauth-clients/{id}", "GET /api/v1/oauth-signing-keys",
      "POST /api/v1/oauth-signing-keys/rotate", "GET /.well-known/openid-configuration", "GET /oauth2/jwks",
      "GET /oauth2/authorize", "POST /oauth2/authorize", "POST /oauth2/token", "POST /oauth2/revoke",
      "GET /oauth2/userinfo");

  @TempDir
  static Path dir;
  static TestServer server;
  static OpenApi spec;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    spec = OpenApi.load();
    token = server.login();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void documentsExactlyTheRoutesTheServerRegisters() {
    assertEquals(new TreeSet<>(SERVER_ROUTES), new TreeSet<>(spec.operations()),
        "openapi.yaml and the server's routes differ");
  }

  @Test
  void routeListInThisTestIsTheOneInTheRouteClasses() throws Exception {
    // Keeps SERVER_ROUTES honest: a route added to the code but not here (nor to the YAML) fails.
    assertEquals(new TreeSet<>(SERVER_ROUTES), RouteScan.serverRoutes());
  }

  @Test
  void servesTheDocumentFromItsOwnJarVerbatim() throws Exception {
    Api.Reply r = server.api().send("GET", "/api/v1/openapi.yaml", token, null);
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.yaml")) {
      assertArrayEquals(in.readAllBytes(), r.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedOperationAnswersAsDocumented() {
    List<ValidRequests.Step> steps = new ValidRequests(server, token, dir).inOrder();
    Set<String> exercised = new TreeSet<>();
    steps.forEach(s -> exercised.add(s.operation()));
    DynamicTest coverage = DynamicTest.dynamicTest("a valid request exists for every documented operation",
        () -> assertEquals(new TreeSet<>(spec.operations()), exercised));
    return Stream.concat(Stream.of(coverage), steps.stream().map(s -> DynamicTest.dynamicTest(s.operation(),
        () -> {
          long before = OperationLogAssertions.logged(server, token, spec, s.operation());
          ValidRequests.Exchange x = s.call().run();
          conforms(s.operation(), x);
          if (OperationLogAssertions.isRecorded(spec, s.operation())) {
            OperationLogAssertions.loggedOnce(server, token, spec, s.operation(), before, x.reply());
          }
        })));
  }

  private static void conforms(String op, ValidRequests.Exchange x) throws Exception {
    Api.Reply r = x.reply();
    assertFalse(r.status() == 404 && r.body().contains("no such endpoint"), op + " is not routed: " + r);
    assertFalse(r.status() == 405, op + " is routed for another method only: " + r);
    int expected = spec.successStatus(op);
    assertEquals(expected, r.status(), op + " answered " + r);
    if (x.requestBody() != null) {
      JsonNode schema = spec.requestSchema(op);
      assertNotNull(schema, op + " takes a body the document does not describe");
      assertEquals(List.of(), spec.validate(Api.JSON.readTree(x.requestBody()), schema),
          op + ": a valid request does not match its documented schema");
    }
    JsonNode response = spec.response(op, expected);
    for (Iterator<String> h = response.path("headers").fieldNames(); h.hasNext(); ) {
      String name = h.next();
      assertNotNull(r.header(name), op + " answered without the documented " + name + " header");
    }
    JsonNode content = response.path("content");
    if (content.isEmpty()) {
      assertEquals("", r.body(), op + " documents no body");
      return;
    }
    String type = content.fieldNames().next();
    String actual = r.header("Content-Type");
    assertTrue(actual != null && actual.startsWith(type), op + " answered Content-Type " + actual + ", not " + type);
    if (type.equals("application/json")) {
      JsonNode body = r.json();
      assertEquals(List.of(), spec.validate(body, content.get(type).get("schema")), op + " answered " + body);
      if (expected == 202) {
        assertEquals("/api/v1/jobs/" + body.get("jobId").asText(), r.header("Location"));
      }
    }
  }
}
