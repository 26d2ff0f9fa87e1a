package dev.vireo.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vireo.agent.Json;
import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.command.Hypervisor.DomainCounters;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.agent.protocol.MetricsReport;
import dev.vireo.agent.server.ServerLink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsPusherTest {
  static final MetricSample NODE_SAMPLE = new MetricSample("node", "node-1", "load1", 0.5);

  final BlockingQueue<MetricsReport> reports = new LinkedBlockingQueue<>();
  final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
  /** Statuses to answer with, in turn; 204 once they are used up. */
  final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
  final HttpServer server;
  MetricsPusher pusher;

  MetricsPusherTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(AgentHttp.METRICS_PATH, ex -> {
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      MetricsReport report = Json.MAPPER.readValue(ex.getRequestBody(), MetricsReport.class);
      Integer status = statuses.poll();
      if (status == null) {
        reports.add(report);
      }
      ex.sendResponseHeaders(status == null ? 204 : status, -1);
      ex.close();
    });
    server.start();
  }

  ServerLink link() {
    return new ServerLink("http://127.0.0.1:" + server.getAddress().getPort(), null, "join-token");
  }

  @AfterEach
  void tearDown() {
    if (pusher != null) {
      pusher.close();
    }
    server.stop(0);
  }

  @Test
  void postsOneReportOfTheNodeAndItsVmsWithTheJoinToken(@TempDir Path dir) throws Exception {
    Path proc = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(proc.resolve("loadavg"), "0.25 0.1 0.1 1/2 3\n");
    FakeHypervisor hypervisor = new FakeHypervisor();
    hypervisor.counters.put("vm-1", new DomainCounters("vm-1", 1, 1, 1024, null, null, 0, 0, 0, 0, 0, 0, 0, 0));
    pusher = new MetricsPusher(link(), () -> "node-1", 10, new HostSampler(proc, dir), new VmSampler(hypervisor));
    Instant before = Instant.now();

    assertTrue(pusher.pushOnce());

    MetricsReport report = reports.poll(5, TimeUnit.SECONDS);
    assertNotNull(report);
    assertEquals("Bearer join-token", authorizations.poll());
    assertEquals("node-1", report.nodeId());
    assertFalse(report.sampledAt().isBefore(before.minusMillis(1)));
    assertTrue(report.samples().contains(new MetricSample("node", "node-1", "load1", 0.25)), report.toString());
    assertTrue(report.samples().contains(new MetricSample("vm", "vm-1", "memory_total_bytes", 1024)),
        report.toString());
  }

  @Test
  void beforeRegistrationNothingIsPostedButTheSourcesAreSampled() {
    AtomicInteger sampled = new AtomicInteger();
    pusher = new MetricsPusher(link(), () -> null, 10, List.of(id -> {
      sampled.incrementAndGet();
      return List.of();
    }));

    assertFalse(pusher.pushOnce());
    assertEquals(1, sampled.get());
    assertTrue(reports.isEmpty() && authorizations.isEmpty());
  }

  @Test
  void aFailingSourceIsLeftOutOfTheReport() throws Exception {
    pusher = new MetricsPusher(link(), () -> "node-1", 10, List.of(id -> {
      throw new IllegalStateException("libvirt is down");
    }, id -> List.of(NODE_SAMPLE)));

    assertTrue(pusher.pushOnce());
    assertEquals(List.of(NODE_SAMPLE), reports.poll(5, TimeUnit.SECONDS).samples());
  }

  @Test
  void aRefusedOrUndeliverableReportIsDroppedAndTheScheduleGoesOn() throws Exception {
    statuses.add(500);
    pusher = new MetricsPusher(link(), () -> "node-1", 1, List.of(id -> List.of(NODE_SAMPLE), id -> {
      throw new Error("even this"); // out of the ordinary: the schedule survives it too
    })).start();

    MetricsReport next = reports.poll(10, TimeUnit.SECONDS);

    assertNotNull(next, "the round after the 500 is delivered");
    assertEquals(List.of(NODE_SAMPLE), next.samples());
    assertTrue(authorizations.size() >= 2, "the refused one was posted first");
  }

  @Test
  void anUnreachableServerDoesNotThrow() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AtomicInteger sampled = new AtomicInteger();
    pusher = new MetricsPusher(new ServerLink("http://127.0.0.1:" + port, null, "t"), () -> "node-1", 1,
        List.of(id -> {
          sampled.incrementAndGet();
          return List.of(NODE_SAMPLE);
        }));

    assertFalse(pusher.pushOnce());
    pusher.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sampled.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(sampled.get() >= 3, "rounds go on: " + sampled.get());
  }
}
