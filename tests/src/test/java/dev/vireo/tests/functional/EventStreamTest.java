package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The server-sent event stream: job and resource changes arrive live, and a reconnect resumes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private String token;

  /** One parsed SSE message. */
  record Message(String id, String event, JsonNode data) {}

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    token = server.login();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aClusterCreateIsAnnouncedLiveAndAReconnectReplaysWhatItMissed() throws Exception {
    BlockingQueue<Message> live = open(null);
    Api.Reply accepted = server.api().send("POST", "/api/v1/clusters", token, "{\"name\":\"events-a\"}");
    String jobId = accepted.json().get("jobId").asText();
    String clusterId = accepted.json().get("resourceId").asText();
    Message created = awaitEvent(live, "cluster", clusterId, "CREATED");
    awaitEvent(live, "job", jobId, "SUCCEEDED");

    Api.Reply second = server.api().send("POST", "/api/v1/clusters", token, "{\"name\":\"events-b\"}");
    server.api().succeeded(token, second);
    BlockingQueue<Message> resumed = open(created.id());
    Message replayed = awaitEvent(resumed, "cluster", second.json().get("resourceId").asText(), "CREATED");
    assertTrue(Long.parseLong(replayed.id()) > Long.parseLong(created.id()), "replay starts after Last-Event-ID");
  }

  @Test
  void theStreamNeedsAToken() throws Exception {
    assertEquals(401, server.api().openStream("/api/v1/events", null).status());
  }

  private static Message awaitEvent(BlockingQueue<Message> q, String kind, String resourceId, String state)
      throws InterruptedException {
    List<Message> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Message m = q.poll(500, TimeUnit.MILLISECONDS);
      if (m == null) {
        continue;
      }
      seen.add(m);
      if (m.event().equals(kind) && m.data().get("id").asText().equals(resourceId)
          && state.equals(m.data().get("state").asText())) {
        return m;
      }
    }
    throw new AssertionError("no " + kind + " " + resourceId + " " + state + " event; saw " + seen);
  }

  /** Opens the stream on a daemon thread that parses messages into a queue. */
  private BlockingQueue<Message> open(String lastEventId) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(server.api().sslContext()).build();
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/events"))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
    if (lastEventId != null) {
      req.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    BlockingQueue<Message> q = new ArrayBlockingQueue<>(10_000);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String id = null;
        String event = null;
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            q.add(new Message(id, event, Api.JSON.readTree(line.substring(5).strip())));
          }
        }
      } catch (Exception e) {
        // the test ended and closed the stream
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return q;
  }
}
