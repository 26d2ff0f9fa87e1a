package dev.vireo.client.app;

import dev.vireo.client.app.UiExecutor;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers ids named by a burst of events and hands them over once per window, on the UI executor:
 * fifty events about one resource cost one refresh of it.
 */
public final class Coalescer implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vireo-coalescer");
    t.setDaemon(true);
    return t;
  });

  private final Duration window;
  private final UiExecutor ui;
  private final Consumer<Set<String>> flush;
  private Set<String> pending = new LinkedHashSet<>();
  private boolean scheduled;
  private volatile boolean closed;

  public Coalescer(Duration window, UiExecutor ui, Consumer<Set<String>> flush) {
    this.window = window;
    this.ui = ui;
    this.flush = flush;
  }

  /** Adds an id (any thread). */
  public synchronized void add(String id) {
    pending.add(id);
    if (!scheduled && !closed) {
      scheduled = true;
      TIMER.schedule(this::fire, window.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void fire() {
    Set<String> ids;
    synchronized (this) {
      ids = pending;
      pending = new LinkedHashSet<>();
      scheduled = false;
    }
    if (!ids.isEmpty() && !closed) {
      ui.execute(() -> flush.accept(ids));
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
