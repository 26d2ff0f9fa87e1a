package dev.vireo.client.dashboard;

import dev.vireo.client.app.Background;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
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
 * The dashboards' live figures as JavaFX properties, and their refresh: {@link #refresh} reads a
 * {@link DashboardSnapshot} through {@link Background} (one refresh at a time) and applies it on
 * the UI executor. A failed refresh keeps the last figures and sets {@link #problemProperty()}.
 * Shared by the overview and the big screen; works without the FX toolkit.
 */
public final class DashboardFigures {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardFigures.class);
  private final DashboardSource source;
  private final Background io;
  private final Clock clock;
  private final AtomicBoolean loading = new AtomicBoolean();
  private final ObjectProperty<ResourceTotals> totals = new SimpleObjectProperty<>(ResourceTotals.NONE);
  private final ObservableList<Allocation> allocations = FXCollections.observableArrayList();
  // one read-only view per list, kept here: an unmodifiable view listens to its list only weakly,
  // so a view made per call (and its listeners) vanished at the next GC and the UI stopped updating
  private final ObservableList<Allocation> allocationsView = FXCollections.unmodifiableObservableList(allocations);
  private final Map<String, ObservableList<TopEntry>> tops = new HashMap<>();
  private final BooleanProperty metricsAvailable = new SimpleBooleanProperty(true);
  private final StringProperty problem = new SimpleStringProperty("");
  private final ObjectProperty<Instant> updatedAt = new SimpleObjectProperty<>();
  private DashboardSnapshot last;
  private CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

  public DashboardFigures(DashboardSource source, Background io, Clock clock) {
    this.source = source;
    this.io = io;
    this.clock = clock;
  }

  /**
   * Reads the figures again unless a refresh is under way (then its future is returned); the
   * future completes once they are applied (or the failure is recorded) on the UI executor.
   */
  public synchronized CompletableFuture<Void> refresh() {
    if (!loading.compareAndSet(false, true)) {
      return current;
    }
    CompletableFuture<Void> applied = new CompletableFuture<>();
    current = applied;
    io.call(() -> DashboardSnapshot.load(source), s -> {
      loading.set(false);
      apply(s);
      applied.complete(null);
    }, e -> {
      loading.set(false);
      LOG.warn("dashboard refresh failed: {}", e.toString());
      problem.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      applied.complete(null);
    });
    return applied;
  }

  /** Shows {@code s} (on the UI executor). */
  public void apply(DashboardSnapshot s) {
    last = s;
    totals.set(s.totals());
    allocations.setAll(s.allocations());
    tops.forEach((key, list) -> list.setAll(top(s, key)));
    metricsAvailable.set(s.metricsAvailable());
    problem.set("");
    updatedAt.set(clock.instant());
  }

  /** The top list of {@code kind} ("vm" or "node") by {@code metric}, kept up to date. */
  public ObservableList<TopEntry> top(String kind, String metric) {
    return tops.computeIfAbsent(kind + "/" + metric, key -> {
      ObservableList<TopEntry> list = FXCollections.observableArrayList();
      if (last != null) {
        list.setAll(top(last, key));
      }
      return list;
    });
  }

  /** The display name of a node or VM by id (the id when unknown). */
  public String nameOf(String id) {
    return last == null ? id : last.names().getOrDefault(id, id);
  }

  private static List<TopEntry> top(DashboardSnapshot s, String key) {
    int slash = key.indexOf('/');
    return s.top().get(key.substring(0, slash), key.substring(slash + 1));
  }

  public ReadOnlyObjectProperty<ResourceTotals> totalsProperty() {
    return totals;
  }

  /** CPU, memory and storage. */
  public ObservableList<Allocation> allocations() {
    return allocationsView;
  }

  /** False when the server's latest metrics could not be read (top lists then empty). */
  public ReadOnlyBooleanProperty metricsAvailableProperty() {
    return metricsAvailable;
  }

  /** Why the last refresh failed; empty when it worked. */
  public ReadOnlyStringProperty problemProperty() {
    return problem;
  }

  /** When the figures were last applied; null before the first refresh. */
  public ReadOnlyObjectProperty<Instant> updatedAtProperty() {
    return updatedAt;
  }
}
