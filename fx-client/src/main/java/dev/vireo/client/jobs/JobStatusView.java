package dev.vireo.client.jobs;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * A status-bar item: the newest running job's label and a progress bar bound to it, and how many
 * more run; hidden while none runs. {@code moreText} formats the count of the others, e.g. "+{0}".
 */
public final class JobStatusView extends HBox {
  private final ProgressBar bar = new ProgressBar();
  private final Label label = new Label();
  private final Label more = new Label();

  public JobStatusView(JobTracker tracker, String moreText) {
    super(6);
    bar.setPrefWidth(140);
    getChildren().addAll(label, bar, more);
    visibleProperty().bind(Bindings.isNotEmpty(tracker.active()));
    managedProperty().bind(visibleProperty());
    tracker.active().addListener((ListChangeListener<TrackedJob>) c -> follow(tracker, moreText));
    follow(tracker, moreText);
  }

  private void follow(JobTracker tracker, String moreText) {
    bar.progressProperty().unbind();
    if (tracker.active().isEmpty()) {
      label.setText("");
      more.setText("");
      return;
    }
    TrackedJob newest = tracker.active().get(tracker.active().size() - 1);
    label.setText(newest.label());
    bar.progressProperty().bind(newest.progressProperty());
    int others = tracker.active().size() - 1;
    more.setText(others > 0 ? java.text.MessageFormat.format(moreText, others) : "");
  }
}
