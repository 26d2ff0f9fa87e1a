package dev.vireo.server.oplog;

import dev.vireo.api.model.JobState;
import dev.vireo.server.events.EventBus;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the log true and bounded: entries of 202 calls take their job's outcome as the job ends,
 * a restart reconciles what ended (or was cut off) while the server was down, and entries older
 * than the retention are purged at start and every six hours.
 */
public final class OperationLogKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperationLogKeeper.class);
  private final OperationLog log;
  private final Runnable unsubscribe;
  private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "operation-log-purge");
    t.setDaemon(true);
    return t;
  });

  public OperationLogKeeper(OperationLog log, EventBus events) {
    this.log = log;
    int reconciled = log.reconcile();
    if (reconciled > 0) {
      LOG.info("operation log: {} entries finished after the restart", reconciled);
    }
    this.unsubscribe = events.subscribe(e -> {
      if (e.kind().equals("job") && JobState.valueOf(e.state()).isFinal()) {
        try {
          log.jobEnded(e.id());
        } catch (RuntimeException ex) {
          LOG.error("operation log: could not finish the entry of job {}", e.id(), ex);
        }
      }
    });
    purger.scheduleWithFixedDelay(this::purge, 0, 6, TimeUnit.HOURS);
  }

  private void purge() {
    try {
      int n = log.purgeOlderThan(Instant.now().minus(OperationLogQuery.RETENTION));
      if (n > 0) {
        LOG.info("operation log: purged {} entries older than {} days", n, OperationLogQuery.RETENTION.toDays());
      }
    } catch (RuntimeException e) {
      LOG.error("operation log: purge failed", e);
    }
  }

  @Override
  public void close() {
    unsubscribe.run();
    purger.shutdownNow();
  }
}
