package dev.vireo.server.metrics;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the metric store's closed rollup buckets every minute and once more on close; derives
 * the cluster figures ({@link DerivedMetrics}) every {@link #DERIVE_SECONDS} s.
 */
public final class MetricFlusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricFlusher.class);
  private final MetricStore store;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "metric-flush");
    t.setDaemon(true);
    return t;
  });

  static final int DERIVE_SECONDS = 10;
  private final DerivedMetrics derived;

  public MetricFlusher(MetricStore store, DerivedMetrics derived) {
    this.store = store;
    this.derived = derived.start(DERIVE_SECONDS);
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
    derived.close();
    timer.shutdownNow();
    flush();
  }
}
