package dev.vireo.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.HttpServer;
import dev.vireo.agent.Json;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.VmStateReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackSenderTest {
  private static final AgentTaskResult RESULT =
      AgentTaskResult.ok("task-1", new VmStateReply("vm-1", DomainPowerState.RUNNING, 5900));

  HttpServer server;
  CallbackSender sender;
  final AtomicInteger attempts = new AtomicInteger();
  final BlockingQueue<String> acknowledged = new LinkedBlockingQueue<>();
  final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
  /** The status the fake server answers for each attempt, 1-based; 204 from then on. */
  volatile int[] statuses = {};

  @BeforeEach
  void setUp() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/agent/callbacks/", exchange -> {
      int n = attempts.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      int status = n <= statuses.length ? statuses[n - 1] : 204;
      if (status == 204) {
        acknowledged.add(body);
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    ServerLink link = new ServerLink("http://127.0.0.1:" + server.getAddress().getPort(), null, "join-token");
    sender = new CallbackSender(link, TimeUnit.MINUTES.toMillis(1));
  }

  @AfterEach
  void tearDown() {
    sender.close();
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/agent/callbacks/task-1";
  }

  @Test
  void retriesUntilTheServerAcknowledges() throws Exception {
    statuses = new int[] {503, 503};

    sender.send(url(), RESULT);

    String body = acknowledged.poll(15, TimeUnit.SECONDS);
    assertNotNull(body, "not delivered after " + attempts.get() + " attempt(s)");
    assertEquals(3, attempts.get());
    assertEquals(RESULT, Json.MAPPER.readValue(body, AgentTaskResult.class));
    assertEquals("Bearer join-token", authorizations.poll());
  }

  @Test
  void retriesWhileTheServerIsDown() throws Exception {
    int port = server.getAddress().getPort();
    server.stop(0);
    sender.send("http://127.0.0.1:" + port + "/api/v1/agent/callbacks/task-1", RESULT);
    Thread.sleep(300); // the first attempt finds nobody listening

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", exchange -> {
      acknowledged.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();

    assertNotNull(acknowledged.poll(15, TimeUnit.SECONDS), "not delivered once the server was back");
  }

  @Test
  void doesNotRetryAResultTheServerRefuses() throws Exception {
    statuses = new int[] {400, 400};

    sender.send(url(), RESULT);

    Thread.sleep(1500); // longer than the first back-off
    assertEquals(1, attempts.get());
    assertEquals(0, acknowledged.size());
  }
}
