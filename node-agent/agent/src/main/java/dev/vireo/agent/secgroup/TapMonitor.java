package dev.vireo.agent.secgroup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the OVSDB Interface table with a long-running {@code ovsdb-client monitor} and calls
 * {@code onChange} when interfaces come, go or get their OpenFlow port: a VM's tap appearing is the
 * moment its placeholder flows must become the full set. Changes arriving while {@code onChange}
 * runs lead to one more run, not one per line. A monitor that dies (OVS restarted) is started again
 * after a second (longer, up to 30 s, while it keeps dying at once), followed by a run of
 * {@code onChange} for what it may have missed.
 */
public final class TapMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TapMonitor.class);
  private static final long RESTART_MILLIS = 1000;
  /** A monitor that keeps failing at once (no OVS on the node) is retried ever slower, up to this. */
  private static final long MAX_RESTART_MILLIS = 30_000;
  /** A monitor that ran at least this long was healthy: the next restart waits {@link #RESTART_MILLIS}. */
  private static final long HEALTHY_MILLIS = 10_000;

  private final List<String> command;
  private final Map<String, String> env;
  private final Runnable onChange;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "tap-change"));
  private final AtomicBoolean queued = new AtomicBoolean();
  private final Thread watcher;
  private volatile boolean closed;
  private volatile Process process;

  /** @param command e.g. {@link OvsCli#interfaceMonitor()}; {@code env} its environment */
  public TapMonitor(List<String> command, Map<String, String> env, Runnable onChange) {
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.onChange = onChange;
    this.watcher = daemon(this::watch, "tap-monitor");
  }

  /** Starts watching (and runs {@code onChange} once the monitor printed the current interfaces). */
  public TapMonitor start() {
    watcher.start();
    return this;
  }

  private void watch() {
    long delay = RESTART_MILLIS;
    while (!closed) {
      long started = System.currentTimeMillis();
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        process = p;
        p.getOutputStream().close();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (!line.isBlank()) {
              changed();
            }
          }
        }
        if (!closed) {
          LOG.warn("interface monitor {} ended (exit {}); restarting", command.get(0), p.waitFor());
        }
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("cannot run the interface monitor {}: {}", command, e.getMessage());
        }
      } catch (InterruptedException e) {
        return;
      }
      delay = System.currentTimeMillis() - started >= HEALTHY_MILLIS ? RESTART_MILLIS
          : Math.min(MAX_RESTART_MILLIS, delay * 2);
      sleep(delay);
      changed();
    }
  }

  /** Queues one run of {@code onChange} unless one is queued already. */
  public void changed() {
    if (!closed && queued.compareAndSet(false, true)) {
      runner.execute(() -> {
        queued.set(false);
        try {
          onChange.run();
        } catch (RuntimeException e) {
          if (!closed) {
            LOG.warn("applying NIC filters after an interface change failed: {}", e.getMessage());
          }
        }
      });
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p != null) {
      p.destroy();
    }
    watcher.interrupt();
    runner.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
