package dev.vireo.client.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundTest {
  @Test
  void handsTheResultToTheUiExecutor() throws Exception {
    try (Background io = new Background(UiExecutor.direct(), 1)) {
      CompletableFuture<String> seen = new CompletableFuture<>();
      io.call(() -> "answer", seen::complete, seen::completeExceptionally);
      assertEquals("answer", seen.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void dropsCallsOnceClosedWithoutThrowingOrCallingAHandler() {
    Background io = new Background(UiExecutor.direct(), 1);
    io.close();
    AtomicInteger handled = new AtomicInteger();
    AtomicInteger watched = new AtomicInteger();
    io.watchFailures(e -> watched.incrementAndGet());
    CompletableFuture<String> f = io.call(() -> "late", v -> handled.incrementAndGet(), e -> handled.incrementAndGet());
    io.run(handled::incrementAndGet);
    assertTrue(f.isCancelled(), "a periodic refresh that ticks after logout gets a cancelled call");
    assertEquals(0, handled.get());
    assertEquals(0, watched.get());
  }
}
