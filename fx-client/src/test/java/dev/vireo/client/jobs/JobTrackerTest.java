package dev.vireo.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.JobStep;
import dev.vireo.api.model.StepState;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job tracker without the FX toolkit: progress from steps, and the notification at the end. */
class JobTrackerTest {
  private final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
  private final UiExecutor ui = uiQueue::add;
  private final Background io = new Background(ui, 2);
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final JobTracker tracker = new JobTracker(id -> {
    Job j = jobs.get(id);
    if (j == null) {
      throw new ApiException(404, "not_found", null, "no job " + id);
    }
    return j;
  }, io, ui, Duration.ofMillis(30));

  @AfterEach
  void close() {
    tracker.close();
    io.close();
  }

  private void until(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Runnable r = uiQueue.poll(20, TimeUnit.MILLISECONDS);
      if (r != null) {
        r.run();
      }
    }
  }

  private static Job job(JobState state, String error, Integer progress, JobStep... steps) {
    return new Job("job-1", "vm.stop", state, "vm", "vm-1", error, List.of(steps), Instant.now(), Instant.now(), null,
        progress);
  }

  private void track() throws InterruptedException {
    CountDownLatchRun.on(uiQueue, () -> tracker.track("job-1", "vm-1", "Stopping web-1", "VM web-1 stopped",
        why -> "Stopping web-1 failed: " + why));
  }

  @Test
  void followsProgressAndNotifiesSuccess() throws Exception {
    jobs.put("job-1", job(JobState.RUNNING, null, 50, new JobStep(0, "shutdown", StepState.DONE, null),
        new JobStep(1, "copy", StepState.RUNNING, null)));
    track();
    until("progress", () -> !tracker.active().isEmpty() && tracker.active().get(0).progressProperty().get() > 0);
    TrackedJob t = tracker.active().get(0);
    assertEquals(0.75, t.progressProperty().get(), 1e-9);
    assertEquals("copy", t.stepProperty().get());
    jobs.put("job-1", job(JobState.SUCCEEDED, null, null, new JobStep(0, "shutdown", StepState.DONE, null),
        new JobStep(1, "copy", StepState.DONE, null)));
    until("notification", () -> !tracker.notifications().isEmpty());
    assertEquals(new JobNotification("job-1", "VM web-1 stopped", false), tracker.notifications().get(0));
    assertTrue(tracker.active().isEmpty());
    assertTrue(t.finishedProperty().get());
    assertEquals(1.0, t.progressProperty().get(), 1e-9);
    assertEquals(t, tracker.latestFor("vm-1").orElseThrow());
  }

  @Test
  void notifiesAFailureWithTheJobsError() throws Exception {
    jobs.put("job-1", job(JobState.QUEUED, null, null));
    track();
    until("tracked", () -> !tracker.active().isEmpty());
    assertEquals(-1, tracker.active().get(0).progressProperty().get(), "indeterminate without steps");
    jobs.put("job-1", job(JobState.FAILED, "the guest did not shut down in 120 s", null));
    tracker.jobChanged("job-1");
    until("notification", () -> !tracker.notifications().isEmpty());
    JobNotification n = tracker.notifications().get(0);
    assertTrue(n.failed());
    assertEquals("Stopping web-1 failed: the guest did not shut down in 120 s", n.text());
    assertFalse(tracker.latestFor("vm-1").orElseThrow().errorProperty().get().isEmpty());
  }

  @Test
  void aJobThatIsGoneEndsAsFailed() throws Exception {
    track();
    until("notification", () -> !tracker.notifications().isEmpty());
    assertTrue(tracker.notifications().get(0).text().startsWith("Stopping web-1 failed: "));
  }

  /** Runs work on the test's UI queue (the tracker is called on the UI thread). */
  private static final class CountDownLatchRun {
    static void on(LinkedBlockingQueue<Runnable> queue, Runnable work) {
      queue.add(work);
    }
  }
}
