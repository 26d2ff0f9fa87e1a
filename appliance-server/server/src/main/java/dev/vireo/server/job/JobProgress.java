package dev.vireo.server.job;

import dev.vireo.server.events.EventBus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a running step reports how far its measured work has come (whole percent, shown as the
 * job's {@code progress}; ADR 0028). A step reaches it by {@link #current()} on its worker thread
 * and may hand it to a watcher thread; outside a job it is a no-op.
 */
public class JobProgress {
  private static final ThreadLocal<JobProgress> CURRENT = new ThreadLocal<>();
  /** Reports nowhere. */
  public static final JobProgress NONE = new JobProgress();

  private JobProgress() {}

  /** The progress of the job whose step runs on this thread, or {@link #NONE}. */
  public static JobProgress current() {
    JobProgress p = CURRENT.get();
    return p == null ? NONE : p;
  }

  /** Records {@code percent} (clamped to 0..100). */
  public void report(int percent) {}

  static void bind(JobProgress p) {
    if (p == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(p);
    }
  }

  /** One job's progress in its row; an event on each change so watchers see it move. */
  static final class OfJob extends JobProgress {
    private final Jdbi jdbi;
    private final EventBus events;
    private final String jobId;
    private volatile int last = -1;

    OfJob(Jdbi jdbi, EventBus events, String jobId) {
      this.jdbi = jdbi;
      this.events = events;
      this.jobId = jobId;
    }

    @Override
    public void report(int percent) {
      int p = Math.max(0, Math.min(100, percent));
      if (p == last) {
        return;
      }
      last = p;
      int rows = jdbi.withHandle(h -> h.createUpdate(
              "UPDATE jobs SET progress = :p, updated_at = :t WHERE id = :j AND state = 'RUNNING'")
          .bind("p", p).bind("t", OffsetDateTime.now(ZoneOffset.UTC)).bind("j", jobId).execute());
      if (rows > 0) {
        events.publish("job", jobId, "RUNNING");
      }
    }
  }
}
