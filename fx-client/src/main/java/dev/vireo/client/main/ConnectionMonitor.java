package dev.vireo.client.main;

import dev.vireo.api.client.ApiException;
import dev.vireo.client.app.UiExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the connection to the server (view-model side of the connection banner): pings it every
 * few seconds on a thread of its own, never on the FX thread, and is {@link State#LOST} from
 * the first failed ping (with its error and the time) until a ping succeeds again. A 401 is not a
 * lost connection but an expired session: {@link #onSessionExpired} is told instead.
 */
public final class ConnectionMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionMonitor.class);

  /** Whether the last ping reached the server. */
  public enum State { CONNECTED, LOST }

  /** One round trip to the server; throws when it fails. In the app: {@code client::ping}. */
  @FunctionalInterface
  public interface Pinger {
    void ping() throws Exception;
  }

  private final Pinger pinger;
  private final Clock clock;
  private final UiExecutor ui;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CONNECTED);
  private final ReadOnlyObjectWrapper<Instant> lostSince = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper();
  private volatile Runnable sessionExpired = () -> {};
  private ScheduledExecutorService timer;

  public ConnectionMonitor(Pinger pinger, Clock clock, UiExecutor ui) {
    this.pinger = pinger;
    this.clock = clock;
    this.ui = ui;
  }

  /** Pings every {@code every} until {@link #close}; a ping still running holds the next one back. */
  public synchronized void start(Duration every) {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vireo-connection-monitor");
      t.setDaemon(true);
      return t;
    });
    // pings on the timer's own thread, never through the shared I/O pool: when the server hangs,
    // the pool's threads may all be stuck in calls of the screens, and the banner must still show
    // (a fixed delay: a ping still running holds the next one back)
    timer.scheduleWithFixedDelay(this::pingNow, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One ping on the calling thread, its outcome applied on the UI executor (tests, or "retry now"). */
  public void pingNow() {
    try {
      pinger.ping();
      ui.execute(this::succeeded);
    } catch (Exception e) {
      ui.execute(() -> failed(e));
    }
  }

  /** Called (on the UI executor) when a ping is answered 401. */
  public void onSessionExpired(Runnable action) {
    this.sessionExpired = action;
  }

  private void succeeded() {
    if (state.get() == State.LOST) {
      LOG.info("connection to the server is back (lost since {})", lostSince.get());
    }
    state.set(State.CONNECTED);
    lostSince.set(null);
    lastError.set(null);
  }

  private void failed(Throwable e) {
    if (e instanceof ApiException api && api.status() == 401) {
      sessionExpired.run();
      return;
    }
    lastError.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    if (state.get() != State.LOST) {
      LOG.warn("connection to the server lost: {}", lastError.get());
      lostSince.set(clock.instant());
      state.set(State.LOST);
    }
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** When the connection was lost; null while connected. */
  public ReadOnlyObjectProperty<Instant> lostSinceProperty() {
    return lostSince.getReadOnlyProperty();
  }

  /** The last ping's error; null while connected. */
  public ReadOnlyStringProperty lastErrorProperty() {
    return lastError.getReadOnlyProperty();
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
