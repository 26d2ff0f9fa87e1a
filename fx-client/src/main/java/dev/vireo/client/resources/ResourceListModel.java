package dev.vireo.client.resources;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Coalescer;
import dev.vireo.client.app.UiExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource table's rows, toolkit-free: every resource of a {@link ResourceSource}, loaded a page
 * of {@link #PAGE} at a time (the first page shows at once), behind a text filter (words that must
 * all occur in the row's text) and, for a source whose resources lie in regions, the region
 * chosen in the main window (ADR 0047; rows of other regions are hidden in memory, the rows stay
 * loaded), and a {@link SortedList} whose comparator the view binds to its
 * table's. Live updates: {@link #onEvent} takes events of the source's kinds; the ids of a burst
 * are read again once and only their rows change (or the list reloads when the source reads no
 * single resource, or a burst names more than {@link #RELOAD_ABOVE}). Changes happen on the UI
 * executor only.
 */
public final class ResourceListModel<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceListModel.class);
  static final int PAGE = 1000;
  static final int RELOAD_ABOVE = 200;
  private static final String RELOAD = "\0reload";

  private final ResourceSource<T> source;
  private final Background io;
  private final Function<T, String> searchText;
  private final ObservableList<ResourceRow<T>> rows = FXCollections.observableArrayList();
  private final FilteredList<ResourceRow<T>> filtered = new FilteredList<>(rows);
  private final SortedList<ResourceRow<T>> sorted = new SortedList<>(filtered);
  private final Map<String, ResourceRow<T>> byId = new HashMap<>();
  private final StringProperty filterText = new SimpleStringProperty("");
  private final StringProperty region = new SimpleStringProperty();
  private final BooleanProperty loading = new SimpleBooleanProperty();
  private final StringProperty error = new SimpleStringProperty();
  private final IntegerProperty total = new SimpleIntegerProperty();
  private final ObjectProperty<ResourceRow<T>> selected = new SimpleObjectProperty<>();
  private final Coalescer changes;
  private int generation;
  private int loads;

  /**
   * @param searchText what the filter searches in a resource (e.g. its columns' text)
   * @param coalesce   how long events are gathered before the resources they name are read
   */
  public ResourceListModel(ResourceSource<T> source, Background io, UiExecutor ui, Function<T, String> searchText,
      Duration coalesce) {
    this.source = source;
    this.io = io;
    this.searchText = searchText;
    this.changes = new Coalescer(coalesce, ui, this::refresh);
    filterText.addListener((o, was, now) -> filter());
    region.addListener((o, was, now) -> filter());
  }

  private void filter() {
    Predicate<ResourceRow<T>> text = predicate(filterText.get());
    String chosen = region.get();
    if (chosen == null || source.region() == null) {
      filtered.setPredicate(text);
      return;
    }
    Predicate<ResourceRow<T>> inRegion = row -> dev.vireo.client.app.RegionChoice.shows(chosen, row.region());
    filtered.setPredicate(text == null ? inRegion : inRegion.and(text));
  }

  static <T> Predicate<ResourceRow<T>> predicate(String filter) {
    String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    if (f.isEmpty()) {
      return null;
    }
    String[] words = f.split("\\s+");
    return row -> row.matches(words);
  }

  /** Loads every resource, a page at a time. */
  public void load() {
    int gen = ++generation;
    loads++;
    loading.set(true);
    error.set(null);
    loadPage(gen, 0);
  }

  private void loadPage(int gen, int offset) {
    io.call(() -> source.pages().apply(new Paging(offset, PAGE)), (Page<T> page) -> {
      if (gen != generation) {
        return;
      }
      List<ResourceRow<T>> add = new ArrayList<>(page.items().size());
      for (T item : page.items()) {
        add.add(rowOf(item));
      }
      if (offset == 0) {
        byId.clear();
        rows.setAll(add);
      } else {
        add.removeIf(r -> byId.containsKey(r.id()));
        rows.addAll(add);
      }
      add.forEach(r -> byId.put(r.id(), r));
      reselect();
      total.set(Math.max(page.total(), rows.size()));
      int next = offset + page.items().size();
      if (next < page.total() && !page.items().isEmpty()) {
        loadPage(gen, next);
      } else {
        loading.set(false);
      }
    }, e -> {
      if (gen == generation) {
        loading.set(false);
        error.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    });
  }

  /** A server event (any thread): one of the source's kinds refreshes the resource it names. */
  public void onEvent(ServerEvent event) {
    if (event.kind() != null && source.eventKinds().contains(event.kind()) && event.id() != null) {
      changed(event.id());
    }
  }

  /** Reads the resource again soon (after an action, or from an event); any thread. */
  public void changed(String id) {
    changes.add(source.reader() == null ? RELOAD : id);
  }

  void refresh(Set<String> ids) {
    if (ids.contains(RELOAD) || ids.size() > RELOAD_ABOVE) {
      load();
      return;
    }
    io.call(() -> {
      Map<String, Optional<T>> read = new HashMap<>();
      for (String id : ids) {
        try {
          read.put(id, Optional.ofNullable(source.reader().apply(id)));
        } catch (ApiException e) {
          if (e.status() == 404) {
            read.put(id, Optional.empty());
          } else {
            LOG.debug("cannot refresh {}: {}", id, e.getMessage());
          }
        }
      }
      return read;
    }, read -> read.forEach((id, item) -> {
      if (item.isEmpty() || source.gone().test(item.get())) {
        remove(id);
      } else {
        put(item.get());
      }
    }), e -> LOG.debug("cannot refresh {}: {}", ids, e.toString()));
  }

  /** Replaces the resource's row, or adds it when new. */
  void put(T item) {
    ResourceRow<T> row = rowOf(item);
    boolean wasSelected = selected.get() != null && selected.get().id().equals(row.id());
    ResourceRow<T> old = byId.put(row.id(), row);
    int at = old == null ? -1 : rows.indexOf(old);
    if (at >= 0) {
      rows.set(at, row);
    } else {
      rows.add(row);
      total.set(total.get() + 1);
    }
    if (wasSelected) {
      selected.set(row);
    }
  }

  void remove(String id) {
    ResourceRow<T> old = byId.remove(id);
    if (old != null) {
      rows.remove(old);
      total.set(Math.max(0, total.get() - 1));
      if (selected.get() == old) {
        selected.set(null);
      }
    }
  }

  private void reselect() {
    ResourceRow<T> s = selected.get();
    if (s != null && byId.get(s.id()) != s) {
      selected.set(byId.get(s.id()));
    }
  }

  private ResourceRow<T> rowOf(T item) {
    return new ResourceRow<>(source.id().apply(item), item, searchText.apply(item).toLowerCase(Locale.ROOT),
        source.region() == null ? null : source.region().apply(item));
  }

  /** Every row loaded, in load order. */
  public ObservableList<ResourceRow<T>> rows() {
    return rows;
  }

  /** The rows passing the filter, in the table's order (bind its comparator to the table's). */
  public SortedList<ResourceRow<T>> sorted() {
    return sorted;
  }

  public StringProperty filterTextProperty() {
    return filterText;
  }

  /** The region whose rows are shown (null: all); only a source {@link ResourceSource#inRegion in regions} follows it. */
  public StringProperty regionProperty() {
    return region;
  }

  /** The rows shown (passing the text and region filters), in load order. */
  public FilteredList<ResourceRow<T>> filtered() {
    return filtered;
  }

  public BooleanProperty loadingProperty() {
    return loading;
  }

  /** The last load's failure, or null. */
  public StringProperty errorProperty() {
    return error;
  }

  /** How many resources the server has. */
  public IntegerProperty totalProperty() {
    return total;
  }

  /** The selected row; follows the resource when its row is replaced by an update. */
  public ObjectProperty<ResourceRow<T>> selectedProperty() {
    return selected;
  }

  public Optional<ResourceRow<T>> row(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** How many full loads ran (tests: live updates must not reload). */
  public int loads() {
    return loads;
  }

  @Override
  public void close() {
    changes.close();
  }
}
