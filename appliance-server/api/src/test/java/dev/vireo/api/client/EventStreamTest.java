package dev.vireo.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.api.testing.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's event stream against a small HTTPS server speaking server-sent events. */
class EventStreamTest {
  private HttpsServer server;
  private String fingerprint;
  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Script script;

  /** What the server does on the n-th connection (1-based). */
  interface Script {
    void serve(int n, HttpExchange ex) throws IOException, InterruptedException;
  }

  /** What the listener heard, in order. */
  private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
  private final EventStream.Listener listener = new EventStream.Listener() {
    @Override
    public void event(ServerEvent e) {
      heard.add("event " + e.seq() + " " + e.kind() + " " + e.id() + " " + e.state());
    }

    @Override
    public void connected(boolean replaying) {
      heard.add("connected " + replaying);
    }

    @Override
    public void disconnected(String reason, Duration retryIn) {
      heard.add("disconnected " + retryIn.toSeconds());
    }
  };

  @BeforeEach
  void start() throws Exception {
    TestTls tls = TestTls.get();
    fingerprint = tls.fingerprint;
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext));
    server.createContext("/api/v1/events", ex -> {
      lastEventIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Last-Event-ID")));
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      try {
        script.serve(connections.incrementAndGet(), ex);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ex.close();
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private VireoClient client() {
    return new VireoClient(URI.create("https://127.0.0.1:" + server.getAddress().getPort()), fingerprint, "tok-1");
  }

  private static void open(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
  }

  private static void send(OutputStream out, long seq, String kind, String id, String state) throws IOException {
    String json = "{\"seq\":" + seq + ",\"kind\":\"" + kind + "\",\"id\":\"" + id + "\",\"state\":\"" + state
        + "\",\"at\":\"2026-12-07T10:00:00Z\"}";
    out.write(("event:" + kind + "\nid:" + seq + "\ndata:" + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String next() throws InterruptedException {
    return heard.poll(15, TimeUnit.SECONDS);
  }

  @Test
  void deliversEventsAndResumesAfterALostConnectionWithLastEventId() throws Exception {
    script = (n, ex) -> {
      open(ex);
      OutputStream out = ex.getResponseBody();
      if (n == 1) {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        send(out, 7, "vm", "vm-1", "STARTING");
        send(out, 8, "job", "job-1", "SUCCEEDED");
        return; // the connection drops
      }
      send(out, 8, "job", "job-1", "SUCCEEDED"); // a replay of what was seen already is dropped
      send(out, 9, "vm", "vm-1", "RUNNING");
      release.await(20, TimeUnit.SECONDS);
    };
    try (EventStream stream = client().events(listener)) {
      assertEquals("connected false", next());
      assertEquals("event 7 vm vm-1 STARTING", next());
      assertEquals("event 8 job job-1 SUCCEEDED", next());
      assertEquals("disconnected 1", next());
      assertEquals("connected true", next());
      assertEquals("event 9 vm vm-1 RUNNING", next());
      assertEquals(9, stream.lastSeq());
      assertTrue(stream.isConnected());
      assertEquals(List.of("null", "8"), lastEventIds);
      assertEquals("Bearer tok-1", authorizations.get(0));
    }
  }

  @Test
  void aRefusedStreamIsRetriedWithGrowingBackoffAndCloseStopsIt() throws Exception {
    script = (n, ex) -> {
      if (n <= 2) {
        byte[] body = "{\"code\":\"unauthorized\",\"message\":\"no token\"}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(401, body.length);
        ex.getResponseBody().write(body);
        return;
      }
      open(ex);
      send(ex.getResponseBody(), 1, "node", "node-1", "CONNECTED");
      release.await(20, TimeUnit.SECONDS);
    };
    EventStream stream = client().events(listener);
    assertEquals("disconnected 1", next());
    assertEquals("disconnected 2", next());
    assertEquals("connected false", next());
    assertEquals("event 1 node node-1 CONNECTED", next());
    stream.close();
    Thread.sleep(300);
    assertFalse(stream.isConnected());
    assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "nothing after close");
  }

  @Test
  void aSilentStreamCountsAsLost() throws Exception {
    script = (n, ex) -> {
      open(ex);
      send(ex.getResponseBody(), 3, "vm", "vm-2", "STOPPED");
      release.await(20, TimeUnit.SECONDS); // then silence, without keep-alive comments
    };
    var http = java.net.http.HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(fingerprint)).build();
    try (EventStream stream = new EventStream(URI.create("https://127.0.0.1:" + server.getAddress().getPort()),
        http, () -> "tok", listener, -1, Duration.ofMillis(100), Duration.ofMillis(600)).start()) {
      assertEquals("connected false", next());
      assertEquals("event 3 vm vm-2 STOPPED", next());
      assertTrue(String.valueOf(next()).startsWith("disconnected"), "the silent stream was dropped");
      assertEquals("connected true", next());
      assertEquals("3", lastEventIds.get(1));
      assertTrue(stream.lastSeq() >= 3);
    }
  }
}
