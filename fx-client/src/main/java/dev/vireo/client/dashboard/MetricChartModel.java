package dev.vireo.client.dashboard;

import dev.vireo.api.model.MetricPoint;
import dev.vireo.api.model.MetricSeries;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of one node's or VM's charted metrics ({@link MetricName#CHARTED}), the one place it
 * is kept; charts bind to {@link #history}. Live mode shows the last hour: each {@link #refresh}
 * fetches only what is newer than the last point and drops what fell out of the hour. A custom
 * range is fetched once and not updated. Works without the FX toolkit.
 */
public final class MetricChartModel {
  /** The live window. */
  public static final Duration LAST_HOUR = Duration.ofHours(1);
  /** The longest range the server answers (its hourly rollups' retention). */
  public static final Duration MAX_RANGE = Duration.ofDays(400);
  private static final Logger LOG = LoggerFactory.getLogger(MetricChartModel.class);
  private final DashboardSource source;
  private final Background io;
  private final Clock clock;
  private final String resourceType;
  private final String resourceId;
  private final Map<String, ObservableList<MetricPoint>> history = new LinkedHashMap<>();
  // one read-only view per list, kept here: an unmodifiable view listens to its list only weakly,
  // so a view made per call (and its listeners) vanished at the next GC and the UI stopped updating
  private final Map<String, ObservableList<MetricPoint>> historyViews = new LinkedHashMap<>();
  private final BooleanProperty live = new SimpleBooleanProperty(true);
  private final ObjectProperty<Instant> from = new SimpleObjectProperty<>();
  private final ObjectProperty<Instant> to = new SimpleObjectProperty<>();
  private final StringProperty problem = new SimpleStringProperty("");
  private final AtomicBoolean loading = new AtomicBoolean();
  private int generation;
  private CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

  /** {@code resourceType}: "vm" or "node". */
  public MetricChartModel(DashboardSource source, Background io, Clock clock, String resourceType, String resourceId) {
    this.source = source;
    this.io = io;
    this.clock = clock;
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    MetricName.CHARTED.forEach(m -> {
      ObservableList<MetricPoint> points = FXCollections.observableArrayList();
      history.put(m, points);
      historyViews.put(m, FXCollections.unmodifiableObservableList(points));
    });
    Instant now = clock.instant();
    from.set(now.minus(LAST_HOUR));
    to.set(now);
  }

  /** A model reading the session's server. */
  public static MetricChartModel of(AppContext ctx, String resourceType, String resourceId) {
    return new MetricChartModel(new SdkDashboardSource(ctx.client()), ctx.io(), Clock.systemUTC(), resourceType,
        resourceId);
  }

  public String resourceType() {
    return resourceType;
  }

  public String resourceId() {
    return resourceId;
  }

  /** The points of one charted metric, oldest first. */
  public ObservableList<MetricPoint> history(String metric) {
    ObservableList<MetricPoint> h = historyViews.get(metric);
    if (h == null) {
      throw new IllegalArgumentException("not a charted metric: " + metric);
    }
    return h;
  }

  /** Back to the live last hour, fetched again. */
  public CompletableFuture<Void> showLastHour() {
    live.set(true);
    reset(clock.instant().minus(LAST_HOUR), clock.instant());
    return refresh();
  }

  /** Whether [from, to) can be shown: from before to, at most {@link #MAX_RANGE} apart. */
  public static boolean validRange(Instant rangeFrom, Instant rangeTo) {
    return rangeFrom != null && rangeTo != null && rangeFrom.isBefore(rangeTo)
        && Duration.between(rangeFrom, rangeTo).compareTo(MAX_RANGE) <= 0;
  }

  /**
   * Shows [from, to) once, without live updates. The future holds false at once (and nothing
   * changes) when the range is not {@link #validRange valid}, true once its points are applied.
   */
  public CompletableFuture<Boolean> showRange(Instant rangeFrom, Instant rangeTo) {
    if (!validRange(rangeFrom, rangeTo)) {
      return CompletableFuture.completedFuture(false);
    }
    live.set(false);
    reset(rangeFrom, rangeTo);
    return fetch(rangeFrom, rangeTo, Map.of(), generation).thenApply(v -> true);
  }

  /**
   * In live mode, fetches what is new since the last points and trims the history to the last
   * hour; does nothing for a custom range; while a fetch is under way, returns its future. It completes
   * once the points are applied on the UI executor.
   */
  public CompletableFuture<Void> refresh() {
    if (!live.get()) {
      return CompletableFuture.completedFuture(null);
    }
    Instant now = clock.instant();
    Instant windowStart = now.minus(LAST_HOUR);
    Map<String, Instant> since = new LinkedHashMap<>();
    history.forEach((m, points) -> since.put(m, points.isEmpty() ? windowStart
        : later(windowStart, points.get(points.size() - 1).at().plusMillis(1))));
    from.set(windowStart);
    to.set(now);
    return fetch(windowStart, now, since, generation);
  }

  private synchronized CompletableFuture<Void> fetch(Instant rangeFrom, Instant rangeTo, Map<String, Instant> since,
      int gen) {
    if (!loading.compareAndSet(false, true)) {
      return current;
    }
    CompletableFuture<Void> applied = new CompletableFuture<>();
    current = applied;
    io.call(() -> load(rangeFrom, rangeTo, since), result -> {
      loading.set(false);
      if (gen == generation) {
        apply(result, rangeFrom);
      }
      applied.complete(null);
    }, e -> {
      loading.set(false);
      problem.set(String.valueOf(e.getMessage()));
      applied.complete(null);
    });
    return applied;
  }

  /** Off the UI thread: every charted metric from its own start; a metric that fails is left out. */
  private Loaded load(Instant rangeFrom, Instant rangeTo, Map<String, Instant> since) {
    Map<String, List<MetricPoint>> points = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (String metric : MetricName.CHARTED) {
      Instant start = since.getOrDefault(metric, rangeFrom);
      if (!start.isBefore(rangeTo)) {
        points.put(metric, List.of());
        continue;
      }
      try {
        MetricSeries s = source.series(resourceType, resourceId, metric, start, rangeTo);
        points.put(metric, s == null || s.points() == null ? List.of() : s.points());
      } catch (RuntimeException e) {
        LOG.debug("cannot read {} of {} {}: {}", metric, resourceType, resourceId, e.getMessage());
        failures.add(metric + ": " + e.getMessage());
      }
    }
    return new Loaded(points, failures);
  }

  private void apply(Loaded loaded, Instant windowStart) {
    loaded.points().forEach((metric, fresh) -> {
      ObservableList<MetricPoint> h = history.get(metric);
      Instant last = h.isEmpty() ? null : h.get(h.size() - 1).at();
      List<MetricPoint> added = new ArrayList<>();
      for (MetricPoint p : fresh) {
        if (p.at() != null && (last == null || p.at().isAfter(last))) {
          added.add(p);
          last = p.at();
        }
      }
      h.addAll(added);
      if (live.get()) {
        trim(h, windowStart);
      }
    });
    problem.set(loaded.failures().isEmpty() ? "" : String.join("; ", loaded.failures()));
  }

  /** Drops the points before {@code start} (the history is in time order). */
  static void trim(List<MetricPoint> h, Instant start) {
    int old = 0;
    while (old < h.size() && h.get(old).at().isBefore(start)) {
      old++;
    }
    if (old > 0) {
      h.subList(0, old).clear();
    }
  }

  private void reset(Instant rangeFrom, Instant rangeTo) {
    generation++;
    loading.set(false);
    history.values().forEach(List::clear);
    from.set(rangeFrom);
    to.set(rangeTo);
    problem.set("");
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** True while the last hour is shown and updated. */
  public ReadOnlyBooleanProperty liveProperty() {
    return live;
  }

  /** The start of the shown range. */
  public ReadOnlyObjectProperty<Instant> fromProperty() {
    return from;
  }

  /** The end of the shown range. */
  public ReadOnlyObjectProperty<Instant> toProperty() {
    return to;
  }

  /** Which metrics could not be read last time, and why; empty when all could. */
  public ReadOnlyStringProperty problemProperty() {
    return problem;
  }

  private record Loaded(Map<String, List<MetricPoint>> points, List<String> failures) {}
}
