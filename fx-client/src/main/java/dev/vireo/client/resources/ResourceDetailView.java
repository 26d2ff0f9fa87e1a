package dev.vireo.client.resources;

import dev.vireo.client.app.Messages;
import dev.vireo.client.jobs.TrackedJob;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The detail pane of a resource screen: the selected resource's fields, a button per context
 * action (id {@code <screen>-action-<action>}, enabled only when valid), and its newest job with a
 * progress bar bound to it.
 */
final class ResourceDetailView<T> extends ScrollPane {
  ResourceDetailView(String id, ResourceScreenModel<T> model, List<ResourceColumn<T>> fields, Messages text) {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    int row = 0;
    for (ResourceColumn<T> f : fields) {
      Label name = new Label(text.get(f.titleKey()));
      name.setStyle("-fx-font-weight: bold;");
      Label value = new Label();
      value.setWrapText(true);
      value.setMaxWidth(320);
      value.textProperty().bind(Bindings.createStringBinding(() -> {
        ResourceRow<T> r = model.list().selectedProperty().get();
        return r == null ? "" : Cells.text(f.value().apply(r.item()));
      }, model.list().selectedProperty()));
      grid.add(name, 0, row);
      grid.add(value, 1, row);
      row++;
    }
    FlowPane buttons = new FlowPane(6, 6);
    for (ResourceAction<T> a : model.actions()) {
      if (a.onSelection()) {
        Button b = new Button(text.get(a.labelKey()));
        b.setId(id + "-action-" + a.idSuffix());
        b.disableProperty().bind(model.enabledProperty(a).not());
        b.setOnAction(e -> model.perform(a));
        buttons.getChildren().add(b);
      }
    }
    Label job = new Label();
    job.setId(id + "-job");
    job.setWrapText(true);
    ProgressBar progress = new ProgressBar(0);
    progress.setMaxWidth(Double.MAX_VALUE);
    model.selectedJobProperty().addListener((o, was, now) -> showJob(now, job, progress, text));
    showJob(null, job, progress, text);
    Label none = new Label(text.get("resources.detail.none"));
    none.visibleProperty().bind(model.list().selectedProperty().isNull());
    none.managedProperty().bind(none.visibleProperty());
    VBox box = new VBox(10, none, grid, buttons, new Label(text.get("resources.detail.job")), job, progress);
    box.setPadding(new Insets(10));
    setContent(box);
    setFitToWidth(true);
  }

  private static void showJob(TrackedJob j, Label job, ProgressBar progress, Messages text) {
    progress.progressProperty().unbind();
    job.textProperty().unbind();
    if (j == null) {
      job.setText(text.get("resources.detail.no-job"));
      progress.setProgress(0);
      progress.setVisible(false);
      return;
    }
    progress.setVisible(true);
    progress.progressProperty().bind(j.progressProperty());
    job.textProperty().bind(Bindings.createStringBinding(() -> j.label() + " — " + (j.errorProperty().get() != null
        ? text.get("resources.job.outcome-failed", j.errorProperty().get())
        : text.get("resources.job.state." + j.stateProperty().get().name())), j.stateProperty(), j.errorProperty()));
  }
}
