package dev.vireo.api.client;

import dev.vireo.api.model.Job;
import java.time.Duration;

/** {@link VireoClient#waitForJob} gave up before the job reached a final state. */
public final class JobTimeoutException extends RuntimeException {
  private final transient Job lastSeen;

  public JobTimeoutException(Job lastSeen, Duration timeout) {
    super("job " + lastSeen.id() + " is still " + lastSeen.state() + " after " + seconds(timeout));
    this.lastSeen = lastSeen;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The job as last polled. */
  public Job lastSeen() {
    return lastSeen;
  }
}
