package dev.vireo.server.metrics;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flushes the metric store's closed rollup buckets every minute and once more on close. */
public final class MetricFlusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricFlusher.class);
  private final MetricStore store;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "metric-flush");
    t.setDaemon(true);
    return t;
  });

  public MetricFlusher(MetricStore store) {
    this.store = store;
    timer.scheduleWithFixedDelay(this::flush, 60, 60, TimeUnit.SECONDS);
  }

  private void flush() {
    try {
      store.flush(Instant.now());
    } catch (RuntimeException e) {
      LOG.error("metrics: flushing rollups failed (kept for the next try)", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    flush();
  }
}
