package dev.vireo.server.job;

import java.util.List;

/** The job of a request whose target state already holds (stop a stopped VM): succeeds at once. */
public final class NoOpJob implements JobType<NoOpJob.Context> {
  /** What was asked and why nothing had to be done. */
  public record Context(String resourceId, String note) {}

  @Override
  public String name() {
    return "NO_OP";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(Step.of("Already in target state", c -> { }));
  }
}
