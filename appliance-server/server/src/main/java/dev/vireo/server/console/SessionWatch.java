package dev.vireo.server.console;

import dev.vireo.api.model.ServerEvent;
import dev.vireo.server.events.EventBus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open console sessions of the VNC gateway and the SPICE proxy: closes one after {@code idle}
 * without user input, and when its VM stops, migrates or is deleted (any VM event that is not
 * RUNNING), and all of them when the server stops.
 */
final class SessionWatch implements AutoCloseable {
  /** A console session as the watch sees it: its VM and the time of its last user input. */
  abstract static class Watched {
    final String vmId;
    private volatile long lastInput = System.nanoTime();

    Watched(String vmId) {
      this.vmId = vmId;
    }

    /** Notes user input now. */
    final void inputSeen() {
      lastInput = System.nanoTime();
    }

    abstract void close(String reason);
  }

  private final Duration idle;
  private final Set<Watched> sessions = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "console-idle-watchdog");
    t.setDaemon(true);
    return t;
  });
  private final Runnable unsubscribe;

  SessionWatch(Duration idle, EventBus events) {
    this.idle = idle;
    this.unsubscribe = events.subscribe(this::onEvent);
    long tick = Math.max(100, Math.min(1000, idle.toMillis() / 10));
    timer.scheduleAtFixedRate(this::closeIdle, tick, tick, TimeUnit.MILLISECONDS);
  }

  Duration idle() {
    return idle;
  }

  void add(Watched s) {
    sessions.add(s);
  }

  void remove(Watched s) {
    sessions.remove(s);
  }

  int size() {
    return sessions.size();
  }

  private void onEvent(ServerEvent e) {
    if ("vm".equals(e.kind()) && !"RUNNING".equals(e.state())) {
      for (Watched s : sessions) {
        if (s.vmId.equals(e.id())) {
          s.close("the VM is " + e.state());
        }
      }
    }
  }

  private void closeIdle() {
    long limit = idle.toNanos();
    long now = System.nanoTime();
    for (Watched s : sessions) {
      if (now - s.lastInput > limit) {
        s.close("no input for " + idle.toSeconds() + " s");
      }
    }
  }

  @Override
  public void close() {
    unsubscribe.run();
    timer.shutdownNow();
    sessions.forEach(s -> s.close("the server stops"));
  }
}
