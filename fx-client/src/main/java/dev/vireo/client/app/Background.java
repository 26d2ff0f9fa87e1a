package dev.vireo.client.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every SDK call of the client runs here, never on the FX thread (ClientArchitectureTest checks
 * that views do not call the SDK): {@link #call} runs the work on a daemon pool and hands the
 * result or the failure to the {@link UiExecutor}.
 */
public final class Background implements AutoCloseable {
  private final ExecutorService pool;
  private final UiExecutor ui;
  private volatile Consumer<Throwable> failureWatch = e -> {};

  public Background(UiExecutor ui, int threads) {
    this.ui = ui;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "vireo-sdk-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code work} off the UI thread; {@code done} or {@code failed} then run on the UI executor. */
  public <T> CompletableFuture<T> call(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
    if (pool.isShutdown()) {
      return closed();
    }
    CompletableFuture<T> f;
    try {
      f = CompletableFuture.supplyAsync(() -> {
        try {
          return work.call();
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, pool);
    } catch (RejectedExecutionException e) {
      return closed(); // closed meanwhile
    }
    f.whenCompleteAsync((v, e) -> {
      if (e == null) {
        done.accept(v);
      } else {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        failureWatch.accept(cause);
        failed.accept(cause);
      }
    }, ui);
    return f;
  }

  /**
   * Sees every failure of {@link #call}, on the UI executor, before the call's own handler: the
   * shell returns to the login when one is a 401 (session expired).
   */
  public void watchFailures(Consumer<Throwable> watch) {
    this.failureWatch = watch;
  }

  /** Runs {@code work} off the UI thread, for what has no result to show. */
  public void run(Runnable work) {
    try {
      pool.execute(work);
    } catch (RejectedExecutionException e) {
      // closed: the session has ended, nothing is left to do its work for
    }
  }

  /**
   * What a call gets once the session's pool is closed (logout, window closed): a cancelled
   * future, and neither handler runs, since a screen that still ticks (a periodic refresh of a
   * window not yet hidden) has nobody left to show a result or a failure to.
   */
  private static <T> CompletableFuture<T> closed() {
    CompletableFuture<T> f = new CompletableFuture<>();
    f.cancel(false);
    return f;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
