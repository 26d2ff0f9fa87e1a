package dev.vireo.client.resources;

import dev.vireo.client.app.UiExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A UI thread for tests: work handed to it queues until the test thread runs it with {@link #until}. */
final class QueueUi implements UiExecutor {
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

  @Override
  public void execute(Runnable command) {
    queue.add(command);
  }

  /** Runs queued UI work on this thread until {@code done} holds (at most 10 s). */
  void until(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Runnable r = queue.poll(20, TimeUnit.MILLISECONDS);
        if (r != null) {
          r.run();
        }
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Runs what is queued now and what that queues within {@code millis}. */
  void drain(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    until("drain", () -> System.nanoTime() > deadline);
  }
}
