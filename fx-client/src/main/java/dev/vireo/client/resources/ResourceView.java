package dev.vireo.client.resources;

import dev.vireo.client.app.Messages;
import dev.vireo.client.jobs.JobStatusView;
import dev.vireo.client.jobs.JobToastView;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * A resource screen: a tool bar (create actions, any extra controls, the filter, a load indicator,
 * shown of total, the load error), the sortable table (id {@code <screen>-table}, a context menu of
 * the actions valid for the row's state) beside the detail pane, a status line (live updates,
 * running jobs) and job toasts laid over it. Ctrl+F focuses the filter.
 */
public final class ResourceView<T> extends StackPane {
  private final TableView<ResourceRow<T>> table = new TableView<>();
  private final TextField filter = new TextField();

  public ResourceView(String id, ResourceScreenModel<T> model, List<ResourceColumn<T>> columns,
      List<ResourceColumn<T>> details, List<javafx.scene.Node> extraTools, Messages text) {
    ResourceListModel<T> list = model.list();
    HBox tools = new HBox(8);
    tools.setAlignment(Pos.CENTER_LEFT);
    tools.setPadding(new Insets(6));
    for (ResourceAction<T> a : model.actions()) {
      if (!a.onSelection()) {
        Button b = new Button(text.get(a.labelKey()));
        b.setId(id + "-" + a.idSuffix());
        b.setOnAction(e -> model.perform(a));
        tools.getChildren().add(b);
      }
    }
    tools.getChildren().addAll(extraTools);
    filter.setId(id + "-filter");
    filter.setPromptText(text.get("resources.filter.prompt"));
    filter.textProperty().bindBidirectional(list.filterTextProperty());
    HBox.setHgrow(filter, Priority.ALWAYS);
    ProgressIndicator loading = new ProgressIndicator();
    loading.setPrefSize(18, 18);
    loading.visibleProperty().bind(list.loadingProperty());
    Label count = new Label();
    count.setId(id + "-count");
    count.textProperty().bind(Bindings.createStringBinding(() -> text.get("resources.count", list.sorted().size(),
        list.totalProperty().get()), list.sorted(), list.totalProperty()));
    Label error = new Label();
    error.setStyle("-fx-text-fill: #b3261e;");
    error.textProperty().bind(Bindings.createStringBinding(() -> list.errorProperty().get() == null ? ""
        : text.get("resources.load-failed", list.errorProperty().get()), list.errorProperty()));
    Button reload = new Button(text.get("resources.reload"));
    reload.setOnAction(e -> list.load());
    tools.getChildren().addAll(filter, loading, count, error, reload);

    table.setId(id + "-table");
    dev.vireo.client.app.TableRows.fixHeight(table);
    table.setPlaceholder(new Label(text.get("resources.table.empty")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    for (ResourceColumn<T> c : columns) {
      table.getColumns().add(column(c, text));
    }
    list.sorted().comparatorProperty().bind(table.comparatorProperty());
    table.setItems(list.sorted());
    table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
      ResourceRow<T> current = list.selectedProperty().get();
      // a replaced row (a live update) drops the table's selection for a moment: keep the resource selected
      boolean stillThere = current != null && list.row(current.id()).map(r -> list.sorted().contains(r))
          .orElse(false);
      if (now != null || !stillThere) {
        list.selectedProperty().set(now);
      }
    });
    list.selectedProperty().addListener((o, was, now) -> {
      if (now != null && table.getSelectionModel().getSelectedItem() != now) {
        table.getSelectionModel().select(now);
      }
    });
    table.setContextMenu(menu(id, model, text));
    table.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DELETE) {
        model.actions().stream().filter(a -> a.onSelection() && a.idSuffix().equals("delete")).findFirst()
            .ifPresent(model::perform);
      }
    });
    SplitPane split = new SplitPane(table, new ResourceDetailView<>(id, model, details, text));
    split.setDividerPositions(0.66);

    Label live = new Label();
    live.textProperty().bind(Bindings.when(model.liveProperty()).then(text.get("resources.status.live"))
        .otherwise(text.get("resources.status.not-live")));
    Pane spacer = new Pane();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox status = new HBox(10, live, spacer, new JobStatusView(model.jobs(), text.get("resources.status.more-jobs")));
    status.setPadding(new Insets(4, 8, 4, 8));
    getChildren().addAll(new BorderPane(split, tools, null, status, null), new JobToastView(model.jobs()));
    model.setFormOpener(f -> FormView.open(f, text, getScene() == null ? null : getScene().getWindow()));
    model.setSecretOpener((title, secret) -> SecretView.open(title, secret, text,
        getScene() == null ? null : getScene().getWindow()));
    sceneProperty().addListener((o, was, now) -> {
      if (now != null) {
        now.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(KeyCode.F,
            javafx.scene.input.KeyCombination.SHORTCUT_DOWN), filter::requestFocus);
      }
    });
  }

  private static <T> TableColumn<ResourceRow<T>, Object> column(ResourceColumn<T> c, Messages text) {
    TableColumn<ResourceRow<T>, Object> col = new TableColumn<>(text.get(c.titleKey()));
    col.setCellValueFactory(cell -> new SimpleObjectProperty<>(c.value().apply(cell.getValue().item())));
    col.setCellFactory(x -> new TableCell<>() {
      @Override
      protected void updateItem(Object item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : Cells.text(item));
      }
    });
    col.setComparator(ResourceView::compare);
    return col;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return Cells.text(a).compareToIgnoreCase(Cells.text(b));
  }

  private static <T> ContextMenu menu(String id, ResourceScreenModel<T> model, Messages text) {
    ContextMenu menu = new ContextMenu();
    for (ResourceAction<T> a : model.actions()) {
      MenuItem item = new MenuItem(text.get(a.labelKey()));
      item.setId(id + "-menu-" + a.idSuffix());
      item.disableProperty().bind(model.enabledProperty(a).not());
      item.setOnAction(e -> model.perform(a));
      menu.getItems().add(item);
    }
    return menu;
  }

  public TableView<ResourceRow<T>> table() {
    return table;
  }

  public TextField filterField() {
    return filter;
  }
}
