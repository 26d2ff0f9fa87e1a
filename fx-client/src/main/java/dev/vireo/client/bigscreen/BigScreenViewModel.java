package dev.vireo.client.bigscreen;

import dev.vireo.api.model.Alarm;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.dashboard.DashboardFigures;
import dev.vireo.client.dashboard.DashboardSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The big-screen monitor's state: the dashboard figures, the recent alarms, the custom title and
 * the order of the tiles, both remembered in {@link ClientPreferences} ({@value #TITLE_KEY},
 * {@value #LAYOUT_KEY}). Works without the FX toolkit.
 */
public final class BigScreenViewModel {
  public static final String TITLE_KEY = "bigscreen.title";
  public static final String LAYOUT_KEY = "bigscreen.layout";
  /** How many alarm records the alarms tile shows. */
  public static final int ALARMS = 6;
  private static final Logger LOG = LoggerFactory.getLogger(BigScreenViewModel.class);
  private final DashboardSource source;
  private final Background io;
  private final ClientPreferences prefs;
  private final DashboardFigures figures;
  private final ObservableList<Alarm> alarms = FXCollections.observableArrayList();
  // one read-only view per list, kept here: an unmodifiable view listens to its list only weakly,
  // so a view made per call (and its listeners) vanished at the next GC and the UI stopped updating
  private final ObservableList<Alarm> alarmsView = FXCollections.unmodifiableObservableList(alarms);
  private final BooleanProperty alarmsAvailable = new SimpleBooleanProperty(true);
  private final StringProperty title = new SimpleStringProperty();
  /** The server's big-screen title (branding, M15): shown while no custom title is set. */
  private final StringProperty serverTitle = new SimpleStringProperty("");
  private final javafx.beans.binding.StringBinding shownTitle = javafx.beans.binding.Bindings.createStringBinding(
      () -> title.get() != null && !title.get().isEmpty() ? title.get() : serverTitle.get(), title, serverTitle);
  private final ObservableList<BigScreenTile> layout = FXCollections.observableArrayList();
  private final ObservableList<BigScreenTile> layoutView = FXCollections.unmodifiableObservableList(layout);

  public BigScreenViewModel(DashboardSource source, Background io, ClientPreferences prefs, Clock clock) {
    this.source = source;
    this.io = io;
    this.prefs = prefs;
    this.figures = new DashboardFigures(source, io, clock);
    title.set(prefs.get(TITLE_KEY, ""));
    layout.setAll(parse(prefs.get(LAYOUT_KEY, "")));
    io.call(source::platformTitle, t -> serverTitle.set(t == null ? "" : t.strip()),
        e -> LOG.info("cannot read the server's big-screen title: {}", e.toString()));
  }

  /** Reads figures and alarms again; completes once both are applied on the UI executor. */
  public CompletableFuture<Void> refresh() {
    CompletableFuture<Void> alarmsApplied = new CompletableFuture<>();
    io.call(() -> source.recentAlarms(ALARMS), list -> {
      alarms.setAll(list);
      alarmsAvailable.set(true);
      alarmsApplied.complete(null);
    }, e -> {
      LOG.warn("cannot read the alarms: {}", e.toString());
      alarmsAvailable.set(false);
      alarmsApplied.complete(null);
    });
    return CompletableFuture.allOf(figures.refresh(), alarmsApplied);
  }

  public DashboardFigures figures() {
    return figures;
  }

  /** The newest alarm records, newest first. */
  public ObservableList<Alarm> alarms() {
    return alarmsView;
  }

  /** False when the last alarm read failed (e.g. the account may not read alarms). */
  public ReadOnlyBooleanProperty alarmsAvailableProperty() {
    return alarmsAvailable;
  }

  /** The custom title; empty for the default one. */
  public ReadOnlyStringProperty titleProperty() {
    return title;
  }

  /** The server's big-screen title (its branding); empty until read or when it has none. */
  public ReadOnlyStringProperty serverTitleProperty() {
    return serverTitle;
  }

  /** The title to show: the custom one, else the server's; empty when neither is known. */
  public javafx.beans.value.ObservableStringValue shownTitle() {
    return shownTitle;
  }

  /** Sets and remembers the custom title (blank: back to the default). */
  public void setTitle(String newTitle) {
    String t = newTitle == null ? "" : newTitle.strip();
    title.set(t);
    prefs.put(TITLE_KEY, t);
  }

  /** Every tile once, in the order they are shown (row by row). */
  public ObservableList<BigScreenTile> layout() {
    return layoutView;
  }

  /** Swaps two tiles (a tile dropped on another) and remembers the layout. */
  public void swap(BigScreenTile a, BigScreenTile b) {
    int i = layout.indexOf(a);
    int j = layout.indexOf(b);
    if (i < 0 || j < 0 || i == j) {
      return;
    }
    List<BigScreenTile> next = new ArrayList<>(layout);
    next.set(i, b);
    next.set(j, a);
    layout.setAll(next);
    save();
  }

  /** Moves a tile to {@code index} (the others shift) and remembers the layout. */
  public void move(BigScreenTile tile, int index) {
    List<BigScreenTile> next = new ArrayList<>(layout);
    if (!next.remove(tile)) {
      return;
    }
    next.add(Math.max(0, Math.min(index, next.size())), tile);
    layout.setAll(next);
    save();
  }

  /** Back to the default order. */
  public void resetLayout() {
    layout.setAll(BigScreenTile.values());
    save();
  }

  private void save() {
    prefs.put(LAYOUT_KEY, layout.stream().map(Enum::name).collect(Collectors.joining(",")));
  }

  /** The saved order: unknown names dropped, duplicates once, tiles it lacks appended. */
  static List<BigScreenTile> parse(String saved) {
    Set<BigScreenTile> order = new LinkedHashSet<>();
    for (String name : saved.split(",")) {
      Arrays.stream(BigScreenTile.values()).filter(t -> t.name().equals(name.strip())).findFirst()
          .ifPresent(order::add);
    }
    order.addAll(List.of(BigScreenTile.values()));
    return List.copyOf(order);
  }
}
