package dev.vireo.client.dashboard;

import dev.vireo.client.app.Messages;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A top-5 list (with a heading unless the title is null) bound to a {@link DashboardFigures#top} list: rank, name, a bar and the
 * formatted value per line (style classes {@code top-list}, {@code top-row}, {@code top-name},
 * {@code top-value}); a placeholder when the list is empty.
 */
public final class TopListPane extends VBox {
  private final ObservableList<TopEntry> entries;
  private final String metric;
  private final FigureFormat format;
  private final GridPane rows = new GridPane();
  private final Label empty;

  public TopListPane(String title, ObservableList<TopEntry> entries, String metric, FigureFormat format,
      Messages text) {
    this.entries = entries;
    this.metric = metric;
    this.format = format;
    getStyleClass().add("top-list");
    empty = new Label(text.get("dashboard.top.empty"));
    empty.getStyleClass().add("placeholder");
    ColumnConstraints rank = new ColumnConstraints();
    ColumnConstraints name = new ColumnConstraints();
    name.setHgrow(Priority.ALWAYS);
    name.setMinWidth(60);
    ColumnConstraints bar = new ColumnConstraints();
    bar.setPercentWidth(18);
    ColumnConstraints value = new ColumnConstraints();
    value.setHalignment(javafx.geometry.HPos.RIGHT);
    rows.getColumnConstraints().addAll(rank, name, bar, value);
    rows.getStyleClass().add("top-rows");
    if (title != null) {
      Label heading = new Label(title);
      heading.getStyleClass().add("section-title");
      getChildren().add(heading);
    }
    getChildren().add(rows);
    entries.addListener((ListChangeListener<TopEntry>) c -> rebuild());
    rebuild();
  }

  private void rebuild() {
    rows.getChildren().clear();
    if (entries.isEmpty()) {
      rows.add(empty, 0, 0, 4, 1);
      return;
    }
    double max = entries.stream().mapToDouble(TopEntry::value).max().orElse(0);
    for (int i = 0; i < entries.size(); i++) {
      TopEntry e = entries.get(i);
      Label rank = new Label(Integer.toString(i + 1));
      rank.getStyleClass().add("top-rank");
      rank.setMinWidth(Region.USE_PREF_SIZE);
      Label name = new Label(e.name());
      name.getStyleClass().add("top-name");
      name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
      name.setMaxWidth(Double.MAX_VALUE);
      ProgressBar bar = new ProgressBar(metric.endsWith("_percent") ? e.value() / 100 : max > 0 ? e.value() / max : 0);
      bar.setMaxWidth(Double.MAX_VALUE);
      bar.getStyleClass().add("top-bar");
      Label value = new Label(format.metric(metric, e.value()));
      value.getStyleClass().add("top-value");
      value.setMinWidth(Region.USE_PREF_SIZE);
      for (javafx.scene.Node n : new javafx.scene.Node[] {rank, name, bar, value}) {
        n.getStyleClass().add("top-row");
      }
      rows.addRow(i, rank, name, bar, value);
    }
  }
}
