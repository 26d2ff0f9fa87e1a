package dev.vireo.client.main;

import dev.vireo.client.app.Messages;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A sortable read-only table of a {@link ResourceTableViewModel} with a refresh button, a count and the load error. */
public final class ResourceTableView<T> extends BorderPane {
  @SuppressWarnings("unchecked")
  public ResourceTableView(ResourceTableViewModel<T> vm, List<ResourceColumn<T>> columns, Messages text) {
    getStyleClass().add("resource-table");
    TableView<T> table = new TableView<>(new javafx.collections.transformation.SortedList<>(vm.rows()));
    ((javafx.collections.transformation.SortedList<T>) table.getItems()).comparatorProperty()
        .bind(table.comparatorProperty());
    table.setId("resource-table");
    table.setPlaceholder(new Label(text.get("main.table.empty")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    for (ResourceColumn<T> c : columns) {
      TableColumn<T, Object> col = new TableColumn<>(text.get(c.titleKey()));
      col.setCellValueFactory(cell -> new SimpleObjectProperty<>(c.value().apply(cell.getValue())));
      table.getColumns().add(col);
    }
    Button refresh = new Button(text.get("main.table.refresh"));
    refresh.setOnAction(e -> vm.refresh());
    refresh.disableProperty().bind(vm.loadingProperty());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.visibleProperty().bind(vm.loadingProperty());
    Label count = new Label();
    count.textProperty().bind(Bindings.createStringBinding(() -> text.get("main.table.count", vm.rows().size()),
        vm.rows()));
    Label error = new Label();
    error.getStyleClass().add("error-text");
    error.textProperty().bind(Bindings.createStringBinding(
        () -> vm.errorProperty().get() == null ? "" : text.get("main.table.error", vm.errorProperty().get()),
        vm.errorProperty()));
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox bar = new HBox(8, refresh, busy, error, grow, count);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(0, 0, 8, 0));
    setTop(bar);
    setCenter(table);
    setPadding(new Insets(12));
  }
}
