package dev.vireo.server.job;

import java.util.List;

/**
 * A kind of job: its typed context record (persisted as JSON with the job) and ordered steps.
 * {@code onFailure} runs after the rollback, to leave the resource in a state that tells the truth.
 */
public interface JobType<C> {
  String name();

  Class<C> contextType();

  List<Step<C>> steps();

  default void onSuccess(C context) throws Exception {}

  default void onFailure(C context, String reason) throws Exception {}

  /** A job of one step that needs no success or failure handling (inventory records). */
  static <C> JobType<C> single(String name, Class<C> contextType, Step<C> step) {
    return new JobType<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<C> contextType() {
        return contextType;
      }

      @Override
      public List<Step<C>> steps() {
        return List.of(step);
      }
    };
  }
}
