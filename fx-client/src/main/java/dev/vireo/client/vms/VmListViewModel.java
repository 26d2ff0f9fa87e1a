package dev.vireo.client.vms;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Coalescer;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The VM table's state: every VM as a {@link VmRow}, loaded a page of 1000 at a time, behind a
 * {@link FilteredList} (the filter text: words that must all occur in a row's name, id, state, node
 * or addresses; and the region chosen in the main window, ADR 0047: rows of other regions are hidden
 * in memory, no call per switch) and a {@link SortedList} whose comparator the view binds to its table's. Live
 * updates: {@link #onEvent} takes the server's "vm" events; the VMs they name are read again
 * ({@code GET /vms/{id}}) once per burst and only their rows change. Changes happen on the UI
 * executor only.
 */
public final class VmListViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(VmListViewModel.class);
  static final int PAGE = 1000;
  /** More VMs named in one burst than this and the list is reloaded instead. */
  static final int RELOAD_ABOVE = 200;

  private final VmApi api;
  private final Background io;
  private final UiExecutor ui;
  private final Messages text;
  private final ObservableList<VmRow> rows = FXCollections.observableArrayList();
  private final FilteredList<VmRow> filtered = new FilteredList<>(rows);
  private final SortedList<VmRow> sorted = new SortedList<>(filtered);
  private final Map<String, VmRow> byId = new HashMap<>();
  private final Map<String, String> nodeNames = new HashMap<>();
  private final StringProperty filterText = new SimpleStringProperty("");
  private final StringProperty region = new SimpleStringProperty();
  private final BooleanProperty loading = new SimpleBooleanProperty();
  private final StringProperty error = new SimpleStringProperty();
  private final IntegerProperty total = new SimpleIntegerProperty();
  private final ObjectProperty<VmRow> selected = new SimpleObjectProperty<>();
  private final Coalescer changes;
  private int generation;

  public VmListViewModel(VmApi api, Background io, UiExecutor ui, Messages text) {
    this(api, io, ui, text, Duration.ofMillis(250));
  }

  /** @param coalesce how long events are gathered before the VMs they name are read */
  public VmListViewModel(VmApi api, Background io, UiExecutor ui, Messages text, Duration coalesce) {
    this.api = api;
    this.io = io;
    this.ui = ui;
    this.text = text;
    this.changes = new Coalescer(coalesce, ui, this::refresh);
    filterText.addListener((o, was, now) -> filter());
    region.addListener((o, was, now) -> filter());
  }

  private void filter() {
    Predicate<VmRow> text = predicate(filterText.get());
    String chosen = region.get();
    if (chosen == null) {
      filtered.setPredicate(text);
      return;
    }
    Predicate<VmRow> inRegion = row -> dev.vireo.client.app.RegionChoice.shows(chosen, row.vm().regionId());
    filtered.setPredicate(text == null ? inRegion : inRegion.and(text));
  }

  /** The region whose VMs are shown (null: all regions); bound to the main window's switcher. */
  public StringProperty regionProperty() {
    return region;
  }

  /** Every VM loaded, in load order. */
  public ObservableList<VmRow> rows() {
    return rows;
  }

  /** The rows passing the filter. */
  public FilteredList<VmRow> filtered() {
    return filtered;
  }

  /** The filtered rows in the table's order: bind its comparator to the table's. */
  public SortedList<VmRow> sorted() {
    return sorted;
  }

  public StringProperty filterTextProperty() {
    return filterText;
  }

  public BooleanProperty loadingProperty() {
    return loading;
  }

  /** The last load's failure, or null. */
  public StringProperty errorProperty() {
    return error;
  }

  /** How many VMs the server has. */
  public IntegerProperty totalProperty() {
    return total;
  }

  /** The selected row; follows the VM when its row is replaced by an update. */
  public ObjectProperty<VmRow> selectedProperty() {
    return selected;
  }

  /** The row of a VM, if loaded. */
  public Optional<VmRow> row(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The filter for a filter text: every lower-case word must occur in the row's text. */
  static Predicate<VmRow> predicate(String filter) {
    String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    if (f.isEmpty()) {
      return null;
    }
    String[] words = f.split("\\s+");
    return row -> row.matches(words);
  }

  /** Loads every VM, a page at a time (the first page shows at once), and the nodes' names. */
  public void load() {
    int gen = ++generation;
    loading.set(true);
    error.set(null);
    io.call(() -> {
      Map<String, String> names = new HashMap<>();
      for (Node n : api.listNodes()) {
        names.put(n.id(), n.hostname());
      }
      return names;
    }, names -> {
      nodeNames.clear();
      nodeNames.putAll(names);
      loadPage(gen, 0);
    }, e -> loadPage(gen, 0));
  }

  private void loadPage(int gen, int offset) {
    io.call(() -> api.listVms(new Paging(offset, PAGE)), (Page<Vm> page) -> {
      if (gen != generation) {
        return;
      }
      List<VmRow> add = new ArrayList<>(page.items().size());
      for (Vm vm : page.items()) {
        add.add(rowOf(vm));
      }
      if (offset == 0) {
        byId.clear();
        rows.setAll(add);
      } else {
        add.removeIf(r -> byId.containsKey(r.id()));
        rows.addAll(add);
      }
      for (VmRow r : add) {
        byId.put(r.id(), r);
      }
      reselect();
      total.set(page.total());
      int next = offset + page.items().size();
      if (next < page.total() && !page.items().isEmpty()) {
        loadPage(gen, next);
      } else {
        loading.set(false);
      }
    }, e -> {
      if (gen == generation) {
        loading.set(false);
        error.set(text.get("vms.list.load-failed", e.getMessage()));
      }
    });
  }

  /** A server event: a "vm" event refreshes that VM (bursts coalesced); any thread. */
  public void onEvent(ServerEvent event) {
    if ("vm".equals(event.kind()) && event.id() != null) {
      changes.add(event.id());
    }
  }

  /** Reads the VM again soon (after an action, or from an event); any thread. */
  public void vmChanged(String id) {
    changes.add(id);
  }

  /** Reads the named VMs again and replaces, adds or removes just their rows. */
  void refresh(Set<String> ids) {
    if (ids.size() > RELOAD_ABOVE) {
      load();
      return;
    }
    io.call(() -> {
      Map<String, Optional<Vm>> read = new HashMap<>();
      for (String id : ids) {
        try {
          read.put(id, Optional.of(api.getVm(id)));
        } catch (ApiException e) {
          if (e.status() == 404) {
            read.put(id, Optional.empty());
          } else {
            LOG.debug("cannot refresh VM {}: {}", id, e.getMessage());
          }
        }
      }
      return read;
    }, read -> read.forEach((id, vm) -> {
      if (vm.isEmpty() || vm.get().state() == VmState.DELETED) {
        remove(id);
      } else {
        put(vm.get());
      }
    }), e -> LOG.debug("cannot refresh VMs {}: {}", ids, e.toString()));
  }

  /** Replaces the VM's row, or adds it when new. */
  void put(Vm vm) {
    VmRow row = rowOf(vm);
    boolean wasSelected = selected.get() != null && selected.get().id().equals(vm.id());
    VmRow old = byId.put(vm.id(), row);
    int at = old == null ? -1 : indexOf(old);
    if (at >= 0) {
      rows.set(at, row);
    } else {
      rows.add(row);
      total.set(total.get() + 1);
    }
    if (wasSelected) {
      selected.set(row); // a table may drop its selection when the row is replaced
    }
  }

  void remove(String id) {
    VmRow old = byId.remove(id);
    if (old != null) {
      int at = indexOf(old);
      if (at >= 0) {
        rows.remove(at);
      }
      total.set(Math.max(0, total.get() - 1));
      if (selected.get() == old) {
        selected.set(null);
      }
    }
  }

  private int indexOf(VmRow row) {
    for (int i = 0, n = rows.size(); i < n; i++) {
      if (rows.get(i) == row) {
        return i;
      }
    }
    return -1;
  }

  private void reselect() {
    VmRow s = selected.get();
    if (s != null) {
      VmRow now = byId.get(s.id());
      if (now != s) {
        selected.set(now);
      }
    }
  }

  VmRow rowOf(Vm vm) {
    String state = vm.state() == null ? "" : text.get("vms.state." + vm.state().name());
    return VmRow.of(vm, state, vm.nodeId() == null ? null : nodeNames.getOrDefault(vm.nodeId(), vm.nodeId()));
  }

  /** Stops coalescing events. */
  public void close() {
    changes.close();
  }
}
