package dev.vireo.server.job;

/**
 * One step of a job. {@code run} must be idempotent by target state: after a crash the step that
 * was running runs again. {@code rollback} undoes a completed step when a later one fails.
 */
public interface Step<C> {
  String name();

  void run(C context) throws Exception;

  default void rollback(C context) throws Exception {}

  static <C> Step<C> of(String name, ThrowingConsumer<C> run) {
    return of(name, run, c -> { });
  }

  static <C> Step<C> of(String name, ThrowingConsumer<C> run, ThrowingConsumer<C> rollback) {
    return new Step<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(C context) throws Exception {
        run.accept(context);
      }

      @Override
      public void rollback(C context) throws Exception {
        rollback.accept(context);
      }
    };
  }

  /** A consumer whose body may throw. */
  @FunctionalInterface
  interface ThrowingConsumer<C> {
    void accept(C context) throws Exception;
  }
}
