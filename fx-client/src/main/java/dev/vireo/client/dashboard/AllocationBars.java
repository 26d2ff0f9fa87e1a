package dev.vireo.client.dashboard;

import dev.vireo.client.app.Messages;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.geometry.HPos;

/**
 * Allocated against total of CPU, memory and storage: name and figures, the bar below them; bound to
 * {@link DashboardFigures#allocations()}; a bar turns {@code over} (style class) past 100 %.
 */
public final class AllocationBars extends GridPane {
  private final ObservableList<Allocation> allocations;
  private final FigureFormat format;
  private final Messages text;

  public AllocationBars(ObservableList<Allocation> allocations, FigureFormat format, Messages text) {
    this.allocations = allocations;
    this.format = format;
    this.text = text;
    getStyleClass().add("allocation-bars");
    ColumnConstraints name = new ColumnConstraints();
    ColumnConstraints figures = new ColumnConstraints();
    figures.setHgrow(Priority.ALWAYS);
    getColumnConstraints().addAll(name, figures);
    allocations.addListener((ListChangeListener<Allocation>) c -> rebuild());
    rebuild();
  }

  private void rebuild() {
    getChildren().clear();
    for (int i = 0; i < allocations.size(); i++) {
      Allocation a = allocations.get(i);
      Label name = new Label(text.get("dashboard.allocation." + a.kind()));
      name.getStyleClass().add("allocation-name");
      name.setMinWidth(Region.USE_PREF_SIZE);
      Label figures = new Label(text.get("dashboard.allocation.value", format.allocation(a.kind(), a.allocated()),
          format.allocation(a.kind(), a.total()), format.percent(a.fraction() * 100)));
      figures.getStyleClass().add("allocation-value");
      figures.setId("allocation-" + a.kind());
      GridPane.setHalignment(figures, HPos.RIGHT);
      ProgressBar bar = new ProgressBar(Math.min(1, a.fraction()));
      bar.setMaxWidth(Double.MAX_VALUE);
      bar.getStyleClass().add("allocation-bar");
      if (a.fraction() > 1) {
        bar.getStyleClass().add("over");
      }
      add(name, 0, 2 * i);
      add(figures, 1, 2 * i);
      add(bar, 0, 2 * i + 1, 2, 1);
    }
  }
}
