package dev.vireo.client.bigscreen;

import dev.vireo.api.model.Alarm;
import dev.vireo.client.app.Messages;
import dev.vireo.client.dashboard.AllocationBars;
import dev.vireo.client.dashboard.DashboardFigures;
import dev.vireo.client.dashboard.FigureFormat;
import dev.vireo.client.dashboard.PeriodicRefresh;
import dev.vireo.client.dashboard.TopListPane;
import dev.vireo.client.dashboard.TotalsPane;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The big-screen monitor (dark, large type for a wall display): an editable title (double-click
 * it), and tiles in a grid of {@value #COLUMNS} columns that are rearranged by dragging one onto
 * another; bound to a {@link BigScreenViewModel}, refreshed every 10 s while shown.
 */
public final class BigScreenView {
  /** Tiles per row. */
  public static final int COLUMNS = 4;
  private static final String DRAG_PREFIX = "vireo-tile:";
  private final BigScreenViewModel model;
  private final Messages text;
  private final FigureFormat format;
  private final BorderPane root = new BorderPane();
  private final GridPane grid = new GridPane();
  private final Map<BigScreenTile, VBox> tiles = new EnumMap<>(BigScreenTile.class);
  private final PeriodicRefresh refresh;

  public BigScreenView(BigScreenViewModel model, Messages text, FigureFormat format) {
    this.model = model;
    this.text = text;
    this.format = format;
    root.getStyleClass().add("big-screen");
    root.getStylesheets().add(BigScreenView.class.getResource("bigscreen.css").toExternalForm());
    root.setId("big-screen");
    root.setTop(header());
    grid.getStyleClass().add("tile-grid");
    for (int c = 0; c < COLUMNS; c++) {
      ColumnConstraints cc = new ColumnConstraints();
      cc.setPercentWidth(100.0 / COLUMNS);
      grid.getColumnConstraints().add(cc);
    }
    int rows = (BigScreenTile.values().length + COLUMNS - 1) / COLUMNS;
    for (int r = 0; r < rows; r++) {
      RowConstraints rc = new RowConstraints();
      rc.setPercentHeight(100.0 / rows);
      rc.setVgrow(Priority.ALWAYS);
      grid.getRowConstraints().add(rc);
    }
    for (BigScreenTile t : BigScreenTile.values()) {
      tiles.put(t, tile(t));
    }
    model.layout().addListener((ListChangeListener<BigScreenTile>) c -> place());
    place();
    root.setCenter(grid);
    refresh = PeriodicRefresh.whileShowing(root, PeriodicRefresh.EVERY_10_SECONDS, model::refresh);
  }

  public Parent node() {
    return root;
  }

  /** Its view-model (tests wait on its refresh). */
  public BigScreenViewModel viewModel() {
    return model;
  }

  /** Whether the 10 s refresh runs (the view is shown). */
  public boolean refreshing() {
    return refresh.running();
  }

  private Node header() {
    Label title = new Label();
    title.getStyleClass().add("big-title");
    title.setId("big-screen-title");
    title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.shownTitle().get().isEmpty()
        ? text.get("bigscreen.title.default") : model.shownTitle().get(), model.shownTitle()));
    title.setTooltip(new Tooltip(text.get("bigscreen.title.editHint")));
    TextField edit = new TextField();
    edit.getStyleClass().add("big-title-edit");
    edit.setVisible(false);
    StackPane titleBox = new StackPane(title, edit);
    titleBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    title.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        edit.setText(model.titleProperty().get().isEmpty() ? title.getText() : model.titleProperty().get());
        edit.setVisible(true);
        title.setVisible(false);
        edit.requestFocus();
        edit.selectAll();
      }
    });
    Runnable close = () -> {
      edit.setVisible(false);
      title.setVisible(true);
    };
    edit.setOnAction(e -> {
      model.setTitle(edit.getText());
      close.run();
    });
    edit.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        close.run();
        e.consume();
      }
    });
    edit.focusedProperty().addListener((o, a, focused) -> {
      if (!focused && edit.isVisible()) {
        close.run();
      }
    });
    DashboardFigures f = model.figures();
    Label updated = new Label();
    updated.getStyleClass().add("big-updated");
    f.updatedAtProperty().addListener((o, a, at) -> updated.setText(text.get("dashboard.updatedAt", format.time(at))));
    Label problem = new Label();
    problem.getStyleClass().add("big-problem");
    problem.textProperty().bind(f.problemProperty().map(p -> p.isEmpty() ? "" : text.get("dashboard.problem", p)));
    problem.setTextOverrun(OverrunStyle.ELLIPSIS);
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    Label exitHint = new Label(text.get("bigscreen.exitHint"));
    exitHint.getStyleClass().add("big-updated");
    HBox header = new HBox(24, titleBox, grow, problem, updated, exitHint);
    header.getStyleClass().add("big-header");
    return header;
  }

  private void place() {
    grid.getChildren().clear();
    int i = 0;
    for (BigScreenTile t : model.layout()) {
      grid.add(tiles.get(t), i % COLUMNS, i / COLUMNS);
      i++;
    }
  }

  private VBox tile(BigScreenTile t) {
    Label heading = new Label(text.get("bigscreen.tile." + t.name().toLowerCase(Locale.ROOT)));
    heading.getStyleClass().add("tile-title");
    Node body = switch (t) {
      case OVERVIEW -> new FitPane(new TotalsPane(model.figures().totalsProperty(), format, text, true));
      case ALLOCATION -> new AllocationBars(model.figures().allocations(), format, text);
      case ALARMS -> alarms();
      default -> top(t);
    };
    VBox tile = new VBox(12, heading, body);
    VBox.setVgrow(body, Priority.ALWAYS);
    tile.getStyleClass().add("tile");
    tile.setId("tile-" + t.name().toLowerCase(Locale.ROOT));
    tile.setMinSize(0, 0);
    draggable(tile, t);
    return tile;
  }

  private Node top(BigScreenTile t) {
    TopListPane list = new TopListPane(null, model.figures().top(t.kind(), t.metric()), t.metric(), format, text);
    list.setId("top-" + t.kind() + "s-" + t.metric());
    return list;
  }

  private Node alarms() {
    VBox list = new VBox(6);
    list.getStyleClass().add("alarm-list");
    list.setId("alarm-list");
    Runnable rebuild = () -> {
      list.getChildren().clear();
      if (!model.alarmsAvailableProperty().get()) {
        list.getChildren().add(placeholder("bigscreen.alarms.unavailable"));
      } else if (model.alarms().isEmpty()) {
        list.getChildren().add(placeholder("bigscreen.alarms.none"));
      }
      for (Alarm a : model.alarms()) {
        list.getChildren().add(alarmRow(a));
      }
    };
    model.alarms().addListener((ListChangeListener<Alarm>) c -> rebuild.run());
    model.alarmsAvailableProperty().addListener((o, a, b) -> rebuild.run());
    rebuild.run();
    return list;
  }

  private Node alarmRow(Alarm a) {
    String severity = a.severity() == null ? "INFO" : a.severity().name();
    String state = a.state() == null ? "" : a.state().name();
    Label badge = new Label(text.get("bigscreen.severity." + severity));
    badge.getStyleClass().addAll("severity", "severity-" + severity.toLowerCase(Locale.ROOT));
    String metric = a.metric() == null ? "" : a.metric();
    String metricName = text.has("dashboard.metric." + metric) ? text.get("dashboard.metric." + metric) : metric;
    Label what = new Label(text.get("bigscreen.alarm.line", model.figures().nameOf(a.resourceId()), metricName,
        format.metric(metric, a.currentValue())));
    what.getStyleClass().add("alarm-what");
    what.setTextOverrun(OverrunStyle.ELLIPSIS);
    what.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(what, Priority.ALWAYS);
    Label when = new Label(text.get("bigscreen.alarmState." + state) + " " + format.time(
        a.firedAt() != null ? a.firedAt() : a.startedAt()));
    when.getStyleClass().addAll("alarm-when", "alarm-" + state.toLowerCase(Locale.ROOT));
    HBox row = new HBox(12, badge, what, when);
    row.getStyleClass().add("alarm-row");
    return row;
  }

  private Label placeholder(String key) {
    Label l = new Label(text.get(key));
    l.getStyleClass().add("placeholder");
    return l;
  }

  /** A tile is dragged by any point of it and dropped on another tile, which takes its place. */
  private void draggable(VBox tile, BigScreenTile t) {
    tile.setOnDragDetected(e -> {
      Dragboard db = tile.startDragAndDrop(TransferMode.MOVE);
      ClipboardContent content = new ClipboardContent();
      content.putString(DRAG_PREFIX + t.name());
      db.setContent(content);
      tile.getStyleClass().add("dragging");
      e.consume();
    });
    tile.setOnDragOver(e -> {
      if (e.getGestureSource() != tile && dragged(e.getDragboard()) != null) {
        e.acceptTransferModes(TransferMode.MOVE);
      }
      e.consume();
    });
    tile.setOnDragEntered(e -> {
      if (e.getGestureSource() != tile && dragged(e.getDragboard()) != null) {
        tile.getStyleClass().add("drop-target");
      }
    });
    tile.setOnDragExited(e -> tile.getStyleClass().remove("drop-target"));
    tile.setOnDragDropped(e -> {
      BigScreenTile source = dragged(e.getDragboard());
      if (source != null) {
        model.swap(source, t);
      }
      e.setDropCompleted(source != null);
      e.consume();
    });
    tile.setOnDragDone(e -> tile.getStyleClass().remove("dragging"));
  }

  private static BigScreenTile dragged(Dragboard db) {
    if (!db.hasString() || !db.getString().startsWith(DRAG_PREFIX)) {
      return null;
    }
    try {
      return BigScreenTile.valueOf(db.getString().substring(DRAG_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
