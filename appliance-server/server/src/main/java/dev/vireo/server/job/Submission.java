package dev.vireo.server.job;

import dev.vireo.api.model.Accepted;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Validates and records a mutation and its job in one transaction, then starts the job. */
public final class Submission {
  private final Jdbi jdbi;
  private final JobEngine engine;

  public Submission(Jdbi jdbi, JobEngine engine) {
    this.jdbi = jdbi;
    this.engine = engine;
  }

  public JobEngine engine() {
    return engine;
  }

  /** Runs {@code work} (which inserts the job) in a transaction; starts the job after the commit. */
  public Accepted submit(Function<Handle, Accepted> work) {
    Accepted accepted = jdbi.inTransaction(work::apply);
    engine.start(accepted.jobId());
    return accepted;
  }

  public <C> Accepted job(Handle h, JobType<C> type, C context, String resourceType, String resourceId) {
    return new Accepted(engine.insert(h, type, context, resourceType, resourceId), resourceType, resourceId);
  }
}
