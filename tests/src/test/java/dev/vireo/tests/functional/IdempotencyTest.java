package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * A client that lost the answer to a create retries with the same Idempotency-Key: it must get
 * the original answer (same job, same resource) and nothing is created twice, even after the
 * job finished; reusing a key for a different request is a 409, not a silent second create.
 */
class IdempotencyTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Api.Reply create(String path, String key, String body) throws Exception {
    return api.send("POST", path, token, "application/json", body, Map.of("Idempotency-Key", key));
  }

  private static int count(String list, String name) throws Exception {
    int n = 0;
    for (var item : api.send("GET", "/api/v1/" + list + "?limit=1000", token, null).json().get("items")) {
      n += item.path("name").asText().equals(name) ? 1 : 0;
    }
    return n;
  }

  /** Same key and body: the same status and byte-identical body, before and after the job ran. */
  private static Api.Reply assertReplayed(String path, String key, String body) throws Exception {
    Api.Reply first = create(path, key, body);
    assertEquals(202, first.status(), first.toString());
    Api.Reply retryWhileRunning = create(path, key, body);
    api.succeeded(token, first);
    Api.Reply retryAfterDone = create(path, key, body);
    for (Api.Reply retry : new Api.Reply[] {retryWhileRunning, retryAfterDone}) {
      assertEquals(first.status(), retry.status(), retry.toString());
      assertEquals(first.json(), retry.json(), "a retry must get the original answer");
    }
    return first;
  }

  @Test
  void vmCreateRetriedWithTheSameKeyCreatesOneVm() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is not installed: no image to create a VM from");
    String image = Fixtures.importImage(server, token, dir, "idem");
    assertReplayed("/api/v1/vms", "vm-key-1", Fixtures.vmBody("idem-vm", image));
    assertEquals(1, count("vms", "idem-vm"));
  }

  @Test
  void vmCreateReusingAKeyForAnotherBodyIsAConflict() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is not installed: no image to create a VM from");
    String image = Fixtures.importImage(server, token, dir, "idem-2");
    assertEquals(202, create("/api/v1/vms", "vm-key-2", Fixtures.vmBody("idem-a", image)).status());
    Api.Reply other = create("/api/v1/vms", "vm-key-2", Fixtures.vmBody("idem-b", image));
    assertEquals(409, other.status(), other.toString());
    assertEquals("conflict", other.json().get("code").asText());
    assertEquals(0, count("vms", "idem-b"));
  }

  @Test
  void clusterCreateRetriedWithTheSameKeyCreatesOneCluster() throws Exception {
    assertReplayed("/api/v1/clusters", "cluster-key-1", "{\"name\":\"idem-cluster\"}");
    assertEquals(1, count("clusters", "idem-cluster"));
  }

  @Test
  void clusterCreateReusingAKeyForAnotherBodyIsAConflict() throws Exception {
    assertEquals(202, create("/api/v1/clusters", "cluster-key-2", "{\"name\":\"idem-c1\"}").status());
    Api.Reply other = create("/api/v1/clusters", "cluster-key-2", "{\"name\":\"idem-c2\"}");
    assertEquals(409, other.status(), other.toString());
    assertEquals(0, count("clusters", "idem-c2"));
  }

  @Test
  void specAndImageCreatesAreReplayedToo() throws Exception {
    assertReplayed("/api/v1/specs", "spec-key-1", "{\"cpu\":10,\"memoryGiB\":20}");
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is not installed: no image to import");
    Path file = Fixtures.smallQcow2(dir, "idem-image");
    assertReplayed("/api/v1/images", "image-key-1", Fixtures.importBody("idem-image", file));
    assertEquals(1, count("images", "idem-image"));
  }

  @Test
  void theSameKeyOnAnotherEndpointIsAConflict() throws Exception {
    // The request hash covers the path: one key on two endpoints is a reuse, hence 409.
    assertEquals(202, create("/api/v1/clusters", "shared-key", "{\"name\":\"idem-c3\"}").status());
    assertEquals(409, create("/api/v1/specs", "shared-key", "{\"cpu\":12,\"memoryGiB\":24}").status());
  }
}
