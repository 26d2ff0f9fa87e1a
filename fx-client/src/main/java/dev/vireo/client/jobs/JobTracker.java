package dev.vireo.client.jobs;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.Job;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.UiExecutor;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the jobs the user's actions started (every {@code Accepted} answer): polls each one with
 * {@code GET /api/v1/jobs/{id}} at an interval, and at once when a "job" event names it
 * ({@link #jobChanged}). {@link #active()} holds the running ones with their progress for a
 * progress indicator; when one ends a {@link JobNotification} ("VM web-1 started", "Stopping web-1
 * failed: …") is appended to {@link #notifications()} for the view to show. Lists and properties
 * change only on the UI executor.
 */
public final class JobTracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);
  private static final int MAX_READ_FAILURES = 5;

  private final JobFetcher jobs;
  private final Background io;
  private final UiExecutor ui;
  private final ObservableList<TrackedJob> active = FXCollections.observableArrayList();
  private final ObservableList<TrackedJob> recent = FXCollections.observableArrayList();
  private final ObservableList<JobNotification> notifications = FXCollections.observableArrayList();
  private final Set<String> inFlight = new HashSet<>();
  private final java.util.Map<String, Integer> failures = new java.util.HashMap<>();
  private final ScheduledExecutorService ticker;

  /**
   * @param jobs         reads a job (called through {@code io}, off the UI thread)
   * @param pollInterval how often running jobs are read when no event names them
   */
  public JobTracker(JobFetcher jobs, Background io, UiExecutor ui, Duration pollInterval) {
    this.jobs = jobs;
    this.io = io;
    this.ui = ui;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vireo-job-ticker");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(50, pollInterval.toMillis());
    ticker.scheduleWithFixedDelay(() -> ui.execute(this::pollAll), ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Follows a job; call on the UI executor.
   *
   * @param resourceId  what it works on (a VM id), for {@link #latestFor}
   * @param label       what runs, e.g. "Starting web-1"
   * @param successText the notification when it succeeds
   * @param failureText the notification when it fails, from the job's error
   */
  public TrackedJob track(String jobId, String resourceId, String label, String successText,
      Function<String, String> failureText) {
    TrackedJob job = new TrackedJob(jobId, resourceId, label, successText, failureText);
    recent.removeIf(j -> resourceId != null && resourceId.equals(j.resourceId()));
    recent.add(0, job);
    if (recent.size() > 200) {
      recent.remove(200, recent.size());
    }
    active.add(job);
    poll(job);
    return job;
  }

  /** A "job" event named this job: read it now if it is followed (any thread). */
  public void jobChanged(String jobId) {
    ui.execute(() -> active.stream().filter(j -> j.jobId().equals(jobId)).findFirst().ifPresent(this::poll));
  }

  /** The running followed jobs. */
  public ObservableList<TrackedJob> active() {
    return active;
  }

  /** Every ended job's notification, oldest first. */
  public ObservableList<JobNotification> notifications() {
    return notifications;
  }

  /** The newest followed job of a resource, running or ended. */
  public Optional<TrackedJob> latestFor(String resourceId) {
    return recent.stream().filter(j -> resourceId != null && resourceId.equals(j.resourceId())).findFirst();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  private void pollAll() {
    for (TrackedJob j : java.util.List.copyOf(active)) {
      poll(j);
    }
  }

  private void poll(TrackedJob job) {
    if (!inFlight.add(job.jobId())) {
      return;
    }
    io.call(() -> jobs.getJob(job.jobId()), (Job read) -> {
      inFlight.remove(job.jobId());
      failures.remove(job.jobId());
      finish(job, job.update(read));
    }, e -> {
      inFlight.remove(job.jobId());
      int n = failures.merge(job.jobId(), 1, Integer::sum);
      LOG.debug("cannot read job {} ({} times): {}", job.jobId(), n, e.toString());
      boolean gone = e instanceof ApiException a && a.status() == 404;
      if (gone || n >= MAX_READ_FAILURES && e instanceof ApiException) {
        finish(job, job.lost(e.getMessage()));
      }
    });
  }

  private void finish(TrackedJob job, JobNotification notice) {
    if (notice != null) {
      active.remove(job);
      failures.remove(job.jobId());
      notifications.add(notice);
      if (notifications.size() > 500) {
        notifications.remove(0, notifications.size() - 500);
      }
    }
  }
}
