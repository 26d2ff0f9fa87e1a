package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a 4xx whose ApiError names the field at fault and the rule it broke, with the
 * status docs/rest-api.md gives (400 unparsable, 422 invalid, 404 unknown id...): never a 500,
 * never a stack trace. Clients show these messages to people as they are.
 */
class BadInputTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static String token;
  static String imageId;
  static String vmId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    if (Fixtures.hasQemuImg()) {
      imageId = Fixtures.importImage(server, token, dir, "bad-input");
      vmId = Fixtures.createVm(server, token, "bad-input", imageId);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Api.Reply post(String path, String json) throws Exception {
    return api.send("POST", path, token, json);
  }

  /** The answer is {@code status} with an ApiError naming {@code field} and saying {@code rule}. */
  private static void assertRejected(Api.Reply r, int status, String field, String rule) {
    assertEquals(status, r.status(), r.toString());
    assertFalse(r.body().contains("Exception") || r.body().contains("at dev.vireo"), "leaks internals: " + r);
    JsonNode error = r.json();
    assertFalse(error.path("code").asText().isEmpty(), "no error code: " + r);
    assertEquals(field, error.path("field").isNull() ? null : error.path("field").asText(), "field of " + r);
    assertTrue(error.path("message").asText().contains(rule), "message of " + r + " does not say '" + rule + "'");
  }

  private static String vm(String name, String image) {
    return "{\"name\":\"" + name + "\",\"image\":\"" + image + "\",\"spec\":\"1C2G\"}";
  }

  @Test
  void rejectsVmWithUnknownImageNamingTheImageField() throws Exception {
    assertRejected(post("/api/v1/vms", vm("web", "no-such-image")), 422, "image", "unknown image 'no-such-image'");
  }

  @Test
  void rejectsVmWithUnknownSpecListingTheAvailableOnes() throws Exception {
    assumeTrue(imageId != null, "qemu-img is not installed: no image to create a VM from");
    assertRejected(post("/api/v1/vms", "{\"name\":\"web\",\"image\":\"" + imageId + "\",\"spec\":\"3C7G\"}"),
        422, "spec", "unknown spec '3C7G'");
  }

  @Test
  void rejectsSpecsOutsideTheWhitePaperRules() throws Exception {
    assertRejected(post("/api/v1/specs", "{\"cpu\":3,\"memoryGiB\":4}"), 422, "cpu", "1 or an even number");
    assertRejected(post("/api/v1/specs", "{\"cpu\":2,\"memoryGiB\":3}"), 422, "memoryGiB", "1 or an even number");
    assertRejected(post("/api/v1/specs", "{\"cpu\":242,\"memoryGiB\":4}"), 422, "cpu", "up to 240");
    assertRejected(post("/api/v1/specs", "{\"memoryGiB\":4}"), 422, "cpu", "is required");
  }

  @Test
  void rejectsVmNamesBreakingTheNamingRule() throws Exception {
    assertRejected(post("/api/v1/vms", vm("", "x")), 422, "name", "is required");
    assertRejected(post("/api/v1/vms", vm("a".repeat(65), "x")), 422, "name", "1-64 characters");
    assertRejected(post("/api/v1/vms", vm("-web", "x")), 422, "name", "must start with a letter or digit");
    assertRejected(post("/api/v1/vms", vm("web/1", "x")), 422, "name", "only letters, digits");
  }

  @Test
  void rejectsMalformedJsonWithItsPosition() throws Exception {
    assertRejected(post("/api/v1/clusters", "{\"name\": "), 400, null, "malformed JSON at line 1");
    assertRejected(post("/api/v1/clusters", ""), 400, null, "request body is empty");
  }

  @Test
  void rejectsWrongJsonTypesAs400NamingTheField() throws Exception {
    assertRejected(post("/api/v1/specs", "{\"cpu\":\"four\",\"memoryGiB\":4}"), 400, "cpu", "must be an integer");
    assertRejected(post("/api/v1/clusters", "{\"name\":{\"first\":\"a\"}}"), 400, "name", "must be a string");
    assertRejected(post("/api/v1/vms/x/stop", "{\"force\":\"maybe\"}"), 404, null, "does not exist");
    assertRejected(post("/api/v1/clusters", "[\"a\"]"), 400, "body", "must be an object");
  }

  @Test
  void rejectsUnknownFieldsByName() throws Exception {
    assertRejected(post("/api/v1/clusters", "{\"name\":\"c2\",\"colour\":\"red\"}"), 422, "colour", "unknown field");
  }

  @Test
  void rejectsBodiesThatAreNotJsonWith415() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/clusters", token, "text/plain", "name=c2", Map.of());
    assertRejected(r, 415, "Content-Type", "must be application/json");
  }

  @Test
  void rejectsBodiesOverOneMebibyteWith413() throws Exception {
    String big = "{\"name\":\"" + "a".repeat(1_500_000) + "\"}";
    assertRejected(post("/api/v1/clusters", big), 413, null, "exceeds 1 MiB");
  }

  @Test
  void answers413ToAFewMebibytesAndTheConnectionStaysUsable() throws Exception {
    String huge = "{\"name\":\"" + "a".repeat(3_000_000) + "\"}";
    assertRejected(post("/api/v1/clusters", huge), 413, null, "exceeds 1 MiB");
    assertEquals(200, api.send("GET", "/api/v1/ping", token, null).status(), "the next request is served");
    assertEquals(202, post("/api/v1/clusters", "{\"name\":\"after-huge\"}").status(), "bodies are read again");
  }

  @Test
  void answersUnknownIdsWith404NamingTheId() throws Exception {
    assertRejected(api.send("GET", "/api/v1/vms/vm-000000000000", token, null), 404, null,
        "VM vm-000000000000 does not exist");
    assertRejected(api.send("DELETE", "/api/v1/images/img-000000000000", token, null), 404, null,
        "image img-000000000000 does not exist");
  }

  @Test
  void rejectsInvalidQueryParametersNamingThem() throws Exception {
    assertRejected(api.send("GET", "/api/v1/vms?state=SLEEPING", token, null), 422, "state", "must be one of");
    assertRejected(api.send("GET", "/api/v1/jobs?state=DONE", token, null), 422, "state", "QUEUED, RUNNING");
    assertRejected(api.send("GET", "/api/v1/vms?limit=0", token, null), 422, "limit", "between 1 and 1000");
    assertRejected(api.send("GET", "/api/v1/images?limit=ten", token, null), 422, "limit", "must be an integer");
    assertRejected(api.send("GET", "/api/v1/jobs?offset=-1", token, null), 422, "offset", "between 0 and");
  }

  @Test
  void answersAnOffsetBeyondTheEndWithAnEmptyPage() throws Exception {
    for (String list : new String[] {"regions", "clusters", "nodes", "specs", "images", "vms", "jobs"}) {
      Api.Reply r = api.send("GET", "/api/v1/" + list + "?offset=2147483647&limit=1000", token, null);
      assertEquals(200, r.status(), list + ": " + r);
      assertEquals(0, r.json().get("items").size(), list + ": " + r);
    }
  }

  @Test
  void rejectsStopTimeoutOutsideItsRange() throws Exception {
    assumeTrue(vmId != null, "qemu-img is not installed: no VM to stop");
    assertRejected(post("/api/v1/vms/" + vmId + "/stop", "{\"timeoutSeconds\":0}"), 422, "timeoutSeconds",
        "between 1 and 3600");
  }

  @Test
  void rejectsSystemDiskSmallerThanTheImage() throws Exception {
    assumeTrue(imageId != null, "qemu-img is not installed: no image to create a VM from");
    String body = "{\"name\":\"small\",\"image\":\"" + imageId + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":0}";
    assertRejected(post("/api/v1/vms", body), 422, "systemDiskGiB", "must be between 1 (the image's size)");
  }

  @Test
  void rejectsImageImportsWithBadFormatOrSource() throws Exception {
    assertRejected(post("/api/v1/images", "{\"name\":\"i1\",\"source\":\"/tmp/x\",\"format\":\"VMDK\"}"), 422,
        "format", "QCOW2, RAW, ISO");
    assertRejected(post("/api/v1/images", "{\"name\":\"i1\",\"source\":\"images/disk.qcow2\"}"), 422, "source",
        "must be an absolute path");
    assertRejected(post("/api/v1/images", "{\"name\":\"i1\",\"source\":\"/no/such/disk.qcow2\"}"), 422, "source",
        "does not exist");
    assertRejected(post("/api/v1/images", "{\"name\":\"i1\",\"source\":\"https://example.invalid/"
        + "a".repeat(3000) + "\"}"), 422, "source", "at most 2048 characters");
  }

  @Test
  void rejectsAgentRegistrationWithoutAHostname() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/agent/register", server.joinToken(),
        "{\"agentUrl\":\"http://127.0.0.1:1\",\"agentToken\":\"t\",\"facts\":{\"cpus\":1,\"sockets\":1,"
            + "\"coresPerSocket\":1,\"threadsPerCore\":1,\"memoryBytes\":1}}");
    assertRejected(r, 422, "facts.hostname", "is required");
    // A missing number is not a "wrong type": the message says it is required.
    assertRejected(api.send("POST", "/api/v1/agent/register", server.joinToken(),
        "{\"agentUrl\":\"http://127.0.0.1:1\",\"agentToken\":\"t\",\"facts\":{\"hostname\":\"h\"}}"), 400,
        "facts.cpus", "is required");
  }
}
