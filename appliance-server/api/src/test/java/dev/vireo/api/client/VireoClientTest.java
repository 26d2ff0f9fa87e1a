package dev.vireo.api.client;

import dev.vireo.api.testing.FakeApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VireoClientTest {
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"vm\",\"resourceId\":\"vm-1\"}";
  private FakeApi api;
  private VireoClient client;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
    client = new VireoClient(api.uri(), api.fingerprint.toLowerCase().replace(":", ""), "tok-1");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void sendsTheBearerTokenAndReadsAPageOfVms() {
    api.on("GET", "/api/v1/vms", 200, "{\"items\":[{\"id\":\"vm-1\",\"name\":\"web\",\"state\":\"RUNNING\","
        + "\"cpu\":1,\"memoryGiB\":1,\"systemDiskGiB\":40,\"createdAt\":\"2026-01-02T03:04:05Z\",\"newField\":1}],"
        + "\"total\":1,\"offset\":0,\"limit\":1000}");
    Page<Vm> page = client.listVms(VmState.RUNNING, "node 1");
    assertEquals("web", page.items().get(0).name());
    assertEquals(VmState.RUNNING, page.items().get(0).state());
    FakeApi.Recorded r = api.requests.get(0);
    assertEquals("Bearer tok-1", r.header("Authorization"));
    assertEquals("/api/v1/vms?state=RUNNING&nodeId=node+1&offset=0&limit=1000", r.uri());
  }

  @Test
  void turnsAnApiErrorIntoAOneLineMessageWithStatusCodeAndField() {
    api.on("POST", "/api/v1/vms", 422,
        "{\"code\":\"invalid\",\"message\":\"spec: unknown spec 'XL'\",\"field\":\"spec\"}");
    ApiException e = assertThrows(ApiException.class,
        () -> client.createVm(new CreateVmRequest("web", null, "alpine", "XL", null, null, null, null), null));
    assertEquals("422 invalid: spec: unknown spec 'XL'", e.getMessage());
    assertEquals(422, e.status());
    assertEquals("invalid", e.code());
    assertEquals("spec", e.field());
  }

  @Test
  void reportsAnErrorBodyThatIsNotJsonAsText() {
    api.on("GET", "/api/v1/ping", 502, "<html>Bad   gateway</html>");
    ApiException e = assertThrows(ApiException.class, client::ping);
    assertEquals("502 http_502: <html>Bad gateway</html>", e.getMessage());
  }

  @Test
  void sendsTheIdempotencyKeyOnlyWhenOneIsGiven() {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED);
    CreateVmRequest request = new CreateVmRequest("web", null, "alpine", "1C1G", null, 40, false, null);
    Accepted a = client.createVm(request, "key-42");
    client.createVm(request, null);
    assertEquals("job-1", a.jobId());
    assertEquals("key-42", api.requests.get(0).header("Idempotency-Key"));
    assertNull(api.requests.get(1).header("Idempotency-Key"));
    assertEquals("{\"name\":\"web\",\"image\":\"alpine\",\"spec\":\"1C1G\",\"systemDiskGiB\":40,\"start\":false}",
        api.requests.get(0).body());
    assertEquals("application/json", api.requests.get(0).header("Content-Type"));
  }

  @Test
  void securityGroupChangesAreJobsAndANicsGroupsArePutInOrder() {
    api.on("POST", "/api/v1/security-groups", 202, ACCEPTED);
    api.on("DELETE", "/api/v1/port-groups/db", 202, ACCEPTED);
    api.on("PUT", "/api/v1/vms/web/nics/1/security-groups", 202, ACCEPTED);
    Accepted a = client.createSecurityGroup(new dev.vireo.api.model.CreateSecurityGroupRequest("web", null, null),
        "sg-key");
    assertEquals("job-1", a.jobId());
    assertEquals("sg-key", api.requests.get(0).header("Idempotency-Key"));
    assertEquals("job-1", client.deletePortGroup("db").jobId());
    client.setVmNicSecurityGroups("web", 1, java.util.List.of("web", "ssh"));
    assertEquals("{\"securityGroups\":[\"web\",\"ssh\"]}", api.requests.get(2).body());
  }

  @Test
  void encodesNamesInPaths() {
    api.on("POST", "/api/v1/vms/web%201/stop", 202, ACCEPTED);
    client.stopVm("web 1", 30, false);
    assertEquals("{\"timeoutSeconds\":30,\"force\":false}", api.requests.get(0).body());
  }

  @Test
  void loginKeepsTheNewTokenForLaterCalls() {
    api.on("POST", "/api/v1/auth/login", 200, "{\"token\":\"tok-2\",\"expiresAt\":\"2026-01-02T03:04:05Z\","
        + "\"username\":\"admin\"}");
    api.on("GET", "/api/v1/ping", 200, "{\"status\":\"ok\",\"version\":\"0.1.0\",\"time\":\"2026-01-02T03:04:05Z\"}");
    client.login("admin", "secret");
    assertEquals("0.1.0", client.ping().version());
    assertEquals("{\"username\":\"admin\",\"password\":\"secret\"}", api.requests.get(0).body());
    assertEquals("Bearer tok-2", api.requests.get(1).header("Authorization"));
    assertEquals("tok-2", client.token());
  }

  @Test
  void deleteImageAsksForForceOnlyWhenWanted() {
    api.on("DELETE", "/api/v1/images/img-1", 202, ACCEPTED);
    client.deleteImage("img-1", true);
    client.deleteImage("img-1", false);
    assertEquals("/api/v1/images/img-1?force=true", api.requests.get(0).uri());
    assertEquals("/api/v1/images/img-1", api.requests.get(1).uri());
  }

  @Test
  void aRefusedConnectionSaysWhichServerCannotBeReached() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    VireoClient offline = new VireoClient(URI.create("https://127.0.0.1:" + port), api.fingerprint, null);
    ServerUnreachableException e = assertThrows(ServerUnreachableException.class, offline::ping);
    assertEquals("cannot reach https://127.0.0.1:" + port + ": connection refused", e.getMessage());
  }

  @Test
  void aServerWithAnotherCertificateIsRefusedNamingBothFingerprints() {
    String other = "00".repeat(32);
    VireoClient pinnedElsewhere = new VireoClient(api.uri(), other, "tok-1");
    FingerprintMismatchException e = assertThrows(FingerprintMismatchException.class, pinnedElsewhere::ping);
    assertEquals("server certificate fingerprint " + api.fingerprint + " does not match the pinned "
        + PinnedTrust.normalize(other), e.getMessage());
    assertTrue(api.requests.isEmpty(), "no request may reach an unpinned server");
  }

  @Test
  void refusesPlainHttp() {
    assertThrows(IllegalArgumentException.class,
        () -> new VireoClient(URI.create("http://127.0.0.1:8080"), api.fingerprint, null));
  }
}
