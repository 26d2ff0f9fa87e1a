package dev.vireo.client.main;

import dev.vireo.client.app.Background;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A read-only list of one kind of resource, loaded through {@link Background} by {@code loader}
 * (an SDK list call): the rows, whether a load runs, and the last load's error (null when it worked).
 */
public final class ResourceTableViewModel<T> implements Refreshable {
  private final Background io;
  private final Callable<List<T>> loader;
  private final ObservableList<T> rows = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

  public ResourceTableViewModel(Background io, Callable<List<T>> loader) {
    this.io = io;
    this.loader = loader;
  }

  @Override
  public void refresh() {
    if (loading.get()) {
      return;
    }
    loading.set(true);
    io.call(loader, list -> {
      rows.setAll(list);
      error.set(null);
      loading.set(false);
    }, e -> {
      error.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      loading.set(false);
    });
  }

  public ObservableList<T> rows() {
    return rows;
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
