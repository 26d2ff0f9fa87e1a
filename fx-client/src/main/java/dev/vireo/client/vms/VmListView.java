package dev.vireo.client.vms;

import dev.vireo.client.app.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The VM table: sortable columns (name, state, node, CPU, memory, addresses, HA mode, created), a
 * filter field, the count shown, and a context menu of the actions valid for the VM's state. Rows
 * come from {@link VmListViewModel#sorted()}, whose comparator follows the table's.
 */
public final class VmListView extends BorderPane {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
      .withZone(ZoneId.systemDefault());
  private final TableView<VmRow> table = new TableView<>();
  private final TextField filter = new TextField();

  public VmListView(VmListViewModel model, VmDetailViewModel detail, Messages text) {
    filter.setId("vm-filter");
    filter.setPromptText(text.get("vms.list.filter-prompt"));
    filter.textProperty().bindBidirectional(model.filterTextProperty());
    HBox.setHgrow(filter, Priority.ALWAYS);
    Label count = new Label();
    count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> text.get("vms.list.count", model.sorted().size(), model.totalProperty().get()),
        model.sorted(), model.totalProperty()));
    ProgressIndicator loading = new ProgressIndicator();
    loading.setPrefSize(18, 18);
    loading.visibleProperty().bind(model.loadingProperty());
    Label error = new Label();
    error.textProperty().bind(model.errorProperty());
    error.getStyleClass().add("vms-error");
    HBox top = new HBox(8, filter, loading, count, error);
    top.setPadding(new Insets(6));
    setTop(top);

    table.setId("vm-table");
    dev.vireo.client.app.TableRows.fixHeight(table);
    table.getColumns().add(column(text.get("vms.column.name"), r -> r.vm().name(), 180));
    table.getColumns().add(column(text.get("vms.column.state"), VmRow::stateText, 110));
    table.getColumns().add(column(text.get("vms.column.node"), VmRow::nodeName, 130));
    table.getColumns().add(column(text.get("vms.column.cpu"), r -> r.vm().cpu(), 60));
    table.getColumns().add(column(text.get("vms.column.memory"), r -> r.vm().memoryGiB(), 90));
    table.getColumns().add(column(text.get("vms.column.addresses"), VmRow::addresses, 160));
    table.getColumns().add(column(text.get("vms.column.ha"), r -> r.vm().haMode() == null ? ""
        : text.get("vms.ha." + r.vm().haMode().name()), 100));
    TableColumn<VmRow, Instant> createdColumn = column(text.get("vms.column.created"), r -> r.vm().createdAt(), 150);
    createdColumn.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(Instant item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : WHEN.format(item));
      }
    });
    table.getColumns().add(createdColumn);
    table.setPlaceholder(new Label(text.get("vms.list.empty")));
    model.sorted().comparatorProperty().bind(table.comparatorProperty());
    table.setItems(model.sorted());
    table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
      VmRow current = model.selectedProperty().get();
      // a replaced row (a live update) drops the table's selection for a moment: keep the VM selected
      boolean stillThere = current != null && model.row(current.id()).isPresent()
          && model.sorted().contains(model.row(current.id()).get());
      if (now != null || !stillThere) {
        model.selectedProperty().set(now);
      }
    });
    model.selectedProperty().addListener((o, was, now) -> {
      if (now != null && table.getSelectionModel().getSelectedItem() != now) {
        table.getSelectionModel().select(now);
      }
    });
    table.setContextMenu(contextMenu(detail, text));
    setCenter(table);
  }

  private static ContextMenu contextMenu(VmDetailViewModel detail, Messages text) {
    ContextMenu menu = new ContextMenu();
    for (VmAction a : VmAction.values()) {
      if (a == VmAction.CONSOLE || a == VmAction.DELETE) {
        menu.getItems().add(new SeparatorMenuItem());
      }
      MenuItem item = new MenuItem(text.get("vms.action." + a.key()));
      item.setId("vm-menu-" + a.key());
      item.disableProperty().bind(detail.enabledProperty(a).not());
      item.setOnAction(e -> detail.perform(a));
      menu.getItems().add(item);
    }
    return menu;
  }

  private static <T> TableColumn<VmRow, T> column(String title, Function<VmRow, T> value, double width) {
    TableColumn<VmRow, T> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> (ObservableValue<T>) new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  public TableView<VmRow> table() {
    return table;
  }

  public TextField filterField() {
    return filter;
  }
}
