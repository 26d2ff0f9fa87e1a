package dev.vireo.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.server.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixture of the API tests on a fake node: a server of its own (settings from {@link #tune}),
 * a logged-in admin, one fake node, a small imported image, and the requests and checks those
 * tests share. One server per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FakeNodeApiTest {
  /** This class's directory (server data, storage, files to import); deleted after the class. */
  protected Path dir;
  protected TestServer server;
  protected Api api;
  protected String token;
  protected FakeAgent node;
  protected String imageId;

  /** The server's settings for this class (the loopback defaults unless overridden). */
  protected ServerConfig tune(ServerConfig c) {
    return c;
  }

  /** The name of the image imported for this class. */
  protected String imageName() {
    return getClass().getSimpleName().toLowerCase() + "-image";
  }

  @BeforeAll
  final void startFakeNodeServer() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    dir = java.nio.file.Files.createTempDirectory("vireo-" + getClass().getSimpleName() + "-");
    server = TestServer.start(dir, this::tune);
    api = server.api();
    token = server.login();
    node = server.fakeAgent();
    imageId = Fixtures.importImage(server, token, dir, imageName());
  }

  @AfterAll
  final void stopFakeNodeServer() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (dir != null) {
        try (var walk = java.nio.file.Files.walk(dir)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            p.toFile().setWritable(true); // imported images are read-only
            java.nio.file.Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** GET that must answer 200; its JSON. */
  protected JsonNode get(String path) throws Exception {
    Api.Reply r = api.send("GET", path, token, null);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  /** Waits for the accepted job to succeed; the id of the resource it made. */
  protected String created(Api.Reply r) throws Exception {
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  /** A 1C2G VM with a 1 GiB system disk from this class's image, started or not. */
  protected String createVm(String name, boolean start) throws Exception {
    return created(api.send("POST", "/api/v1/vms", token, "{\"name\":\"" + name + "\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":" + start + "}"));
  }

  protected String createDisk(String name, int sizeGiB) throws Exception {
    return created(api.send("POST", "/api/v1/disks", token, "{\"name\":\"" + name + "\",\"sizeGiB\":" + sizeGiB + "}"));
  }

  /** A 4xx naming {@code field} (null: any) whose message holds {@code words}. */
  protected static void assertRefused(int status, String field, String words, Api.Reply r) {
    assertEquals(status, r.status(), r.toString());
    if (field != null) {
      assertEquals(field, r.json().path("field").asText(), r.toString());
    }
    assertTrue(r.json().path("message").asText().contains(words), r.toString());
  }
}
