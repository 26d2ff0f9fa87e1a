package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image import with the real qemu-img: raw converted to qcow2, a download over HTTP, an ISO kept
 * as it is, a lying format refused with nothing left behind, and delete rules for base images.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageImportTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private String token;
  private HttpServer files;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is installed by bin/run-tests");
    server = TestServer.start(dir);
    token = server.login();
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext("/", ex -> {
      Path file = dir.resolve("served").resolve(ex.getRequestURI().getPath().substring(1));
      if (!Files.isRegularFile(file)) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      ex.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = ex.getResponseBody()) {
        Files.copy(file, out);
      }
    });
    files.start();
    Files.createDirectories(dir.resolve("served"));
  }

  @AfterAll
  void stop() throws Exception {
    if (files != null) {
      files.stop(0);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRawImageDownloadedOverHttpIsStoredAsQcow2() throws Exception {
    Path raw = dir.resolve("served/disk.raw");
    Commands.check(List.of("qemu-img", "create", "-q", "-f", "raw", raw.toString(), "32M"), 30);
    JsonNode image = imported("{\"name\":\"from-url\",\"source\":\"http://127.0.0.1:" + files.getAddress().getPort()
        + "/disk.raw\",\"format\":\"RAW\"}");
    assertEquals("AVAILABLE", image.get("state").asText());
    assertEquals(32L << 20, image.get("virtualSizeBytes").asLong());
    Path stored = storedFile(image.get("id").asText());
    assertTrue(Commands.check(List.of("qemu-img", "info", stored.toString()), 30).contains("file format: qcow2"));
  }

  @Test
  void anIsoIsKeptAsItIs() throws Exception {
    Path content = Files.createDirectories(dir.resolve("iso-content"));
    Files.writeString(content.resolve("README"), "install me");
    Path iso = dir.resolve("install.iso");
    Commands.check(List.of("genisoimage", "-quiet", "-V", "INSTALL", "-o", iso.toString(), content.toString()), 60);
    JsonNode image = imported("{\"name\":\"installer\",\"source\":\"" + iso + "\",\"format\":\"ISO\"}");
    assertEquals("ISO", image.get("format").asText());
    assertEquals(Files.size(iso), Files.size(storedFile(image.get("id").asText())));
  }

  @Test
  void aSourceThatIsNotTheDeclaredFormatFailsAndLeavesNothingBehind() throws Exception {
    Path raw = dir.resolve("pretends.qcow2");
    Commands.check(List.of("qemu-img", "create", "-q", "-f", "raw", raw.toString(), "8M"), 30);
    Api.Reply r = server.api().send("POST", "/api/v1/images", token,
        "{\"name\":\"liar\",\"source\":\"" + raw + "\",\"format\":\"QCOW2\"}");
    JsonNode job = server.api().waitForJob(token, r.json().get("jobId").asText());
    assertEquals("FAILED", job.get("state").asText());
    assertTrue(job.get("error").asText().contains("the source is raw, not qcow2"), job.toString());
    String id = r.json().get("resourceId").asText();
    try (Stream<Path> left = Files.list(images())) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(id)), "no staged or stored file is left");
    }
  }

  @Test
  void aDownloadThatAnswers404FailsWithTheStatus() throws Exception {
    Api.Reply r = server.api().send("POST", "/api/v1/images", token, "{\"name\":\"missing\",\"source\":\"http://127.0.0.1:"
        + files.getAddress().getPort() + "/nothing.qcow2\",\"format\":\"QCOW2\"}");
    JsonNode job = server.api().waitForJob(token, r.json().get("jobId").asText());
    assertEquals("FAILED", job.get("state").asText());
    assertTrue(job.get("error").asText().contains("HTTP 404"), job.toString());
  }

  @Test
  void aBaseImageIsDeletedOnlyWhenForced() throws Exception {
    Path qcow2 = Fixtures.smallQcow2(dir, "base");
    JsonNode image = imported("{\"name\":\"base-image\",\"source\":\"" + qcow2 + "\",\"format\":\"QCOW2\",\"kind\":\"BASE\"}");
    String id = image.get("id").asText();
    assertEquals(409, server.api().send("DELETE", "/api/v1/images/" + id, token, null).status());
    server.api().succeeded(token, server.api().send("DELETE", "/api/v1/images/" + id + "?force=true", token, null));
    assertEquals(404, server.api().send("GET", "/api/v1/images/" + id, token, null).status());
    assertTrue(Files.notExists(storedFile(id)), "the image file is removed");
  }

  private JsonNode imported(String body) throws Exception {
    Api.Reply r = server.api().send("POST", "/api/v1/images", token, body);
    server.api().succeeded(token, r);
    return server.api().send("GET", "/api/v1/images/" + r.json().get("resourceId").asText(), token, null).json();
  }

  private Path images() {
    return dir.resolve("storage/images");
  }

  private Path storedFile(String id) throws Exception {
    try (Stream<Path> files = Files.list(images())) {
      return files.filter(p -> p.getFileName().toString().startsWith(id + ".")).findFirst()
          .orElse(images().resolve(id + ".missing"));
    }
  }
}
