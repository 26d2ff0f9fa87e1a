package dev.vireo.api.client;

import dev.vireo.api.model.Job;
import java.time.Duration;
import java.util.function.Function;

/** Polls a job at a fixed interval until it is final or the time is up. */
final class JobPoller {
  private final Function<String, Job> fetch;
  private final Duration interval;

  JobPoller(Function<String, Job> fetch, Duration interval) {
    this.fetch = fetch;
    this.interval = interval;
  }

  Job await(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Job job = fetch.apply(jobId);
      if (job.state() != null && job.state().isFinal()) {
        return job;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new JobTimeoutException(job, timeout);
      }
      sleep(Math.min(left, interval.toNanos()));
    }
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a job", e);
    }
  }
}
