package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Vm;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/vms} is served gzip-compressed to clients that accept it (the SDK does) and as
 * is to the others, with the same JSON either way (docs/benchmarks.md: the VM list page).
 */
class VmListEncodingTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is not installed: no image to create a VM from");
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
    String image = Fixtures.importImage(server, token, dir, "enc");
    for (int i = 0; i < 4; i++) {
      api.succeeded(token, api.send("POST", "/api/v1/vms", token, Fixtures.vmBody("enc-vm-" + i, image)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<byte[]> get(String acceptEncoding) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(api.sslContext()).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/vms"))
        .header("Authorization", "Bearer " + token);
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aClientAcceptingGzipGetsTheSameJsonCompressed() throws Exception {
    HttpResponse<byte[]> plain = get(null);
    HttpResponse<byte[]> gzip = get("gzip, deflate");
    HttpResponse<byte[]> refused = get("gzip;q=0, identity");
    assertEquals(200, plain.statusCode());
    assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "no Accept-Encoding: sent as is");
    assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
    assertEquals(List.of("Accept-Encoding"), gzip.headers().allValues("Vary"));
    assertTrue(gzip.body().length < plain.body().length / 2, gzip.body().length + " vs " + plain.body().length);
    try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))) {
      assertEquals(Api.JSON.readTree(plain.body()), Api.JSON.readTree(in.readAllBytes()));
    }
    assertNull(refused.headers().firstValue("Content-Encoding").orElse(null), "gzip;q=0 refuses gzip");
    assertEquals(Api.JSON.readTree(plain.body()), Api.JSON.readTree(refused.body()));
  }

  @Test
  void theSdkReadsTheCompressedList() throws Exception {
    VireoClient client = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token);
    List<String> names = client.listVms(null, null).items().stream().map(Vm::name).sorted().toList();
    assertEquals(List.of("enc-vm-0", "enc-vm-1", "enc-vm-2", "enc-vm-3"), names);
  }
}
