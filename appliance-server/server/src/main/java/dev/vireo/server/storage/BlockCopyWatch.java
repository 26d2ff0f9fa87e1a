package dev.vireo.server.storage;

import dev.vireo.agent.protocol.BlockCopyReply;
import dev.vireo.agent.protocol.QueryBlockCopyCommand;
import dev.vireo.server.job.JobProgress;
import dev.vireo.server.vm.VmHost;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a live storage migration's progress on its job (ADR 0028): while the agent copies, the
 * VM's node is asked every second how far libvirt's block copy of the disk has come
 * ({@link QueryBlockCopyCommand}); the job's {@code progress} follows it. A lost answer only skips
 * a report, never fails the migration.
 */
final class BlockCopyWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockCopyWatch.class);
  static final Duration PERIOD = Duration.ofMillis(Long.getLong("vireo.copyProgressMillis", 1000));
  private static final ScheduledExecutorService POLLER = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "copy-progress");
    t.setDaemon(true);
    return t;
  });

  private final JobProgress progress;
  private final ScheduledFuture<?> polling;

  private BlockCopyWatch(VmHost host, String nodeId, String domain, String target) {
    this.progress = JobProgress.current();
    progress.report(0);
    this.polling = POLLER.scheduleWithFixedDelay(() -> poll(host, nodeId, domain, target), PERIOD.toMillis(),
        PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Watches the copy of {@code domain}'s disk at {@code target} on {@code nodeId} until closed. */
  static BlockCopyWatch of(VmHost host, String nodeId, String domain, String target) {
    return new BlockCopyWatch(host, nodeId, domain, target);
  }

  private void poll(VmHost host, String nodeId, String domain, String target) {
    try {
      BlockCopyReply r = host.call(nodeId, new QueryBlockCopyCommand(domain, target), BlockCopyReply.class,
          Duration.ofSeconds(10));
      if (r.active()) {
        progress.report(Math.min(99, r.percent())); // 100 only once the copy is in use
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("no copy progress from {} for {} {}: {}", nodeId, domain, target, e.toString());
    }
  }

  /** The copy is done (100 %). */
  void done() {
    polling.cancel(true);
    progress.report(100);
  }

  @Override
  public void close() {
    polling.cancel(true);
  }
}
