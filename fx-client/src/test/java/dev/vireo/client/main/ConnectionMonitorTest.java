package dev.vireo.client.main;

import dev.vireo.client.app.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.ServerUnreachableException;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.main.ConnectionMonitor.State;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The connection monitor with a fake pinger and a fake clock, without the FX toolkit. */
class ConnectionMonitorTest {
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:03:04Z"));
  private final ConnectionMonitor.Pinger pinger = () -> {
    pings.incrementAndGet();
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  };

  @Test
  void lostFromTheFirstFailureUntilAPingSucceeds() {
    ConnectionMonitor monitor = new ConnectionMonitor(pinger, clock, UiExecutor.direct());
    monitor.pingNow();
    assertEquals(State.CONNECTED, monitor.stateProperty().get());

    failure.set(new ServerUnreachableException("cannot reach https://x:1: connection refused", null));
    monitor.pingNow();
    assertEquals(State.LOST, monitor.stateProperty().get());
    assertEquals(Instant.parse("2025-03-01T12:03:04Z"), monitor.lostSinceProperty().get());
    assertEquals("cannot reach https://x:1: connection refused", monitor.lastErrorProperty().get());

    clock.advance(java.time.Duration.ofSeconds(3));
    monitor.pingNow();
    assertEquals(Instant.parse("2025-03-01T12:03:04Z"), monitor.lostSinceProperty().get(), "lost since the first");

    failure.set(null);
    clock.advance(java.time.Duration.ofSeconds(3));
    monitor.pingNow();
    assertEquals(State.CONNECTED, monitor.stateProperty().get());
    assertNull(monitor.lostSinceProperty().get());
    assertNull(monitor.lastErrorProperty().get());
  }

  @Test
  void a401IsAnExpiredSessionNotALostConnection() {
    ConnectionMonitor monitor = new ConnectionMonitor(pinger, clock, UiExecutor.direct());
    AtomicInteger expired = new AtomicInteger();
    monitor.onSessionExpired(expired::incrementAndGet);
    failure.set(new ApiException(401, "unauthorized", null, "token expired"));
    monitor.pingNow();
    assertEquals(1, expired.get());
    assertEquals(State.CONNECTED, monitor.stateProperty().get());
  }

  @Test
  void startedItPingsByItselfEvenWhileTheIoPoolIsStuckAndRecovers() {
    java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
    try (Background io = new Background(UiExecutor.direct(), 2);
        ConnectionMonitor monitor = new ConnectionMonitor(pinger, clock, UiExecutor.direct())) {
      // every thread of the client's I/O pool hangs in a call to the unreachable server
      for (int i = 0; i < 2; i++) {
        io.call(() -> stuck.await(1, TimeUnit.MINUTES), x -> { }, e -> { });
      }
      failure.set(new ServerUnreachableException("down", null));
      monitor.start(Duration.ofMillis(20));
      Await.until(() -> monitor.stateProperty().get() == State.LOST, "LOST");
      failure.set(null);
      Await.until(() -> monitor.stateProperty().get() == State.CONNECTED, "CONNECTED again");
      int seen = pings.get();
      Await.until(() -> pings.get() > seen + 2, "more pings");
      monitor.close();
      int stopped = pings.get();
      sleep(100);
      assertTrue(pings.get() <= stopped + 1, "no pings after close");
    } finally {
      stuck.countDown();
    }
  }

  @Test
  void aSlowPingIsNotOverlapped() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ConnectionMonitor.Pinger slow = () -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      sleep(80);
      running.decrementAndGet();
    };
    try (ConnectionMonitor monitor = new ConnectionMonitor(slow, clock, UiExecutor.direct())) {
      monitor.start(Duration.ofMillis(10));
      sleep(400);
    }
    assertEquals(1, most.get());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
