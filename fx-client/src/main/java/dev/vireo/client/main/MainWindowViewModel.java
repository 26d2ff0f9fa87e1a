package dev.vireo.client.main;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.Region;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.ClientPreferences;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the user, the regions and the chosen one (remembered as
 * {@code main.region}; an "all regions" entry comes first; the choice is handed to the screens
 * through {@code ctx.region()}, ADR 0047), the selected navigation entry (remembered by its title key as
 * {@code main.screen}) and the {@link ConnectionMonitor}. Logout revokes the token off the FX thread.
 */
public final class MainWindowViewModel implements AutoCloseable {
  static final String REGION = "main.region";
  static final String SCREEN = "main.screen";
  /** The id of the switcher's "all regions" entry (no region has it). */
  static final String ALL_REGIONS = "*";
  static final Duration PING_EVERY = Duration.ofSeconds(3);
  private final AppContext ctx;
  private final ClientPreferences prefs;
  private final String username;
  private final List<String> screenKeys;
  private final Callable<List<Region>> regionSource;
  private final Runnable revoke;
  private final ConnectionMonitor monitor;
  private final ObservableList<Region> regions = FXCollections.observableArrayList();
  private final ObjectProperty<Region> region = new SimpleObjectProperty<>();
  private final IntegerProperty selected = new SimpleIntegerProperty(-1);
  private final Region allRegions;

  /** For the app: regions, ping and logout through {@code ctx.client()}. */
  public MainWindowViewModel(AppContext ctx, String username, List<String> screenKeys) {
    this(ctx, username, screenKeys, () -> ctx.client().listRegions().items(), () -> ctx.client().logout(),
        new ConnectionMonitor(() -> ctx.client().ping(), Clock.systemDefaultZone(), ctx.ui()));
  }

  MainWindowViewModel(AppContext ctx, String username, List<String> screenKeys, Callable<List<Region>> regionSource,
      Runnable revoke, ConnectionMonitor monitor) {
    this.ctx = ctx;
    this.prefs = ctx.prefs();
    this.username = username;
    this.screenKeys = List.copyOf(screenKeys);
    this.regionSource = regionSource;
    this.revoke = revoke;
    this.monitor = monitor;
    this.allRegions = new Region(ALL_REGIONS, ctx.text().get("main.region.all"), false);
    int remembered = this.screenKeys.indexOf(prefs.get(SCREEN, ""));
    selected.set(this.screenKeys.isEmpty() ? -1 : Math.max(0, remembered));
    selected.addListener((o, was, now) -> {
      int i = now.intValue();
      if (i >= 0 && i < this.screenKeys.size()) {
        prefs.put(SCREEN, this.screenKeys.get(i));
      }
    });
    region.addListener((o, was, now) -> {
      if (now != null) {
        prefs.put(REGION, now.id());
      }
      ctx.region().regionIdProperty().set(now == null || now.id().equals(ALL_REGIONS) ? null : now.id());
    });
  }

  /** Loads the regions and starts watching the connection. */
  public void start() {
    loadRegions();
    monitor.start(PING_EVERY);
  }

  public void loadRegions() {
    ctx.io().call(regionSource, list -> {
      List<Region> shown = new java.util.ArrayList<>();
      shown.add(allRegions);
      shown.addAll(list);
      regions.setAll(shown);
      String remembered = prefs.get(REGION, "");
      region.set(shown.stream().filter(r -> r.id().equals(remembered)).findFirst()
          .or(() -> list.stream().filter(Region::isDefault).findFirst())
          .or(() -> list.stream().findFirst()).orElse(allRegions));
    }, e -> {
      // the banner or the session expiry tells the user; the switcher just stays empty
    });
  }

  /**
   * Runs {@code action} once on the UI executor when the server answers 401 to a ping or to any
   * call through the session's Background: the token expired or was revoked.
   */
  public void onSessionExpired(Runnable action) {
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable guarded = () -> {
      if (once.compareAndSet(false, true)) {
        monitor.close();
        action.run();
      }
    };
    monitor.onSessionExpired(guarded);
    ctx.io().watchFailures(e -> {
      if (e instanceof ApiException api && api.status() == 401) {
        guarded.run();
      }
    });
  }

  /** Selects the {@code n}-th entry (0-based) if there is one (Ctrl+1..9). */
  public void select(int n) {
    if (n >= 0 && n < screenKeys.size()) {
      selected.set(n);
    }
  }

  /** Revokes the token on the server (best effort, off the FX thread), then runs {@code then} on the UI. */
  public void logout(Runnable then) {
    monitor.close();
    ctx.io().call(() -> {
      revoke.run();
      return Boolean.TRUE;
    }, ok -> then.run(), e -> then.run());
  }

  public String username() {
    return username;
  }

  public ObservableList<Region> regions() {
    return regions;
  }

  /** The chosen region, or the "all regions" entry ({@link #ALL_REGIONS}); screens follow {@code ctx.region()}. */
  public ObjectProperty<Region> regionProperty() {
    return region;
  }

  /** Index into the screens, -1 when there are none. */
  public IntegerProperty selectedProperty() {
    return selected;
  }

  public ConnectionMonitor monitor() {
    return monitor;
  }

  @Override
  public void close() {
    monitor.close();
    ctx.io().watchFailures(e -> {});
  }
}
