package dev.vireo.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeReporterTest {
  static final HeartbeatReply REPLY =
      new HeartbeatReply(List.of(new PeerNode("node-2", "n2", "http://127.0.0.1:1/v1/health")), 1, 3, 5, true);

  final FakeServer server = newServer();
  final BlockingQueue<HeartbeatHa.Accepted> accepted = new LinkedBlockingQueue<>();
  volatile Instant fencedAt;
  NodeReporter reporter;

  private static FakeServer newServer() {
    try {
      return new FakeServer();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void start() {
    HeartbeatHa ha = new HeartbeatHa() {
      @Override
      public List<String> unreachablePeers() {
        return List.of("node-3");
      }

      @Override
      public Instant fencedAt() {
        return fencedAt;
      }

      @Override
      public void accepted(Accepted heartbeat) {
        accepted.add(heartbeat);
      }
    };
    reporter = new NodeReporter(server.link(), new FakeHypervisor(), "http://127.0.0.1:7070", "token", null, ha);
    reporter.start();
  }

  @AfterEach
  void tearDown() {
    if (reporter != null) {
      reporter.close();
    }
    server.close();
  }

  @Test
  void keepsTheServersReplyAndWhenTheHeartbeatWasSent() throws Exception {
    server.reply = REPLY;
    long before = System.nanoTime();
    start();

    HeartbeatHa.Accepted beat = accepted.poll(5, TimeUnit.SECONDS);

    assertNotNull(beat);
    assertEquals(REPLY, beat.reply());
    assertEquals("node-1", beat.nodeId());
    assertEquals(REPLY, reporter.latestReply());
    assertTrue(reporter.lastAcceptedNanos() >= before);
    assertEquals(beat.sentNanos(), reporter.lastAcceptedNanos());
  }

  @Test
  void anEmptyReplyMeansNoChange() throws Exception {
    server.reply = REPLY;
    start();
    assertNotNull(accepted.poll(5, TimeUnit.SECONDS));
    server.reply = null; // 204 without a body, as servers without HA answer

    HeartbeatHa.Accepted beat = accepted.poll(5, TimeUnit.SECONDS);

    assertNotNull(beat);
    assertNull(beat.reply());
    assertEquals(REPLY, reporter.latestReply());
    assertEquals(beat.sentNanos(), reporter.lastAcceptedNanos());
  }

  @Test
  void aRefusedHeartbeatIsNotAccepted() throws Exception {
    server.heartbeatStatus = 503;
    start();

    assertNotNull(server.heartbeats.poll(5, TimeUnit.SECONDS));
    assertNull(accepted.poll(300, TimeUnit.MILLISECONDS));
    assertNull(reporter.lastAcceptedNanos());
    assertNull(reporter.latestReply());
  }

  @Test
  void heartbeatsCarryUnreachablePeersAndFencing() throws Exception {
    fencedAt = Instant.parse("2026-11-25T10:00:00Z");
    start();

    Heartbeat beat = server.heartbeats.poll(5, TimeUnit.SECONDS);
    HeartbeatHa.Accepted seen = accepted.poll(5, TimeUnit.SECONDS);

    assertEquals(List.of("node-3"), beat.unreachablePeers());
    assertEquals(fencedAt, beat.fencedAt());
    assertEquals(fencedAt, seen.fencedAt());
  }
}
