package dev.vireo.client.jobs;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Toasts for the ends of followed jobs: each new {@link JobNotification} shows for a few seconds at
 * the bottom right of whatever this is laid over (failures in red, longer). Put it in a
 * {@code StackPane} above the content; it lets mouse events through where it shows nothing.
 */
public final class JobToastView extends VBox {
  private static final int MAX_SHOWN = 5;

  public JobToastView(JobTracker tracker) {
    setSpacing(6);
    setAlignment(Pos.BOTTOM_RIGHT);
    setPickOnBounds(false);
    setMouseTransparent(false);
    setStyle("-fx-padding: 12;");
    tracker.notifications().addListener((ListChangeListener<JobNotification>) c -> {
      while (c.next()) {
        if (c.wasAdded()) {
          c.getAddedSubList().forEach(this::show);
        }
      }
    });
  }

  private void show(JobNotification n) {
    Label toast = new Label(n.text());
    toast.getStyleClass().addAll("job-toast", n.failed() ? "job-toast-failed" : "job-toast-done");
    toast.setWrapText(true);
    toast.setMaxWidth(420);
    toast.setStyle("-fx-background-color: " + (n.failed() ? "#b3261e" : "#2e7d32")
        + "; -fx-text-fill: white; -fx-padding: 8 12; -fx-background-radius: 6;");
    toast.setOnMouseClicked(e -> getChildren().remove(toast));
    getChildren().add(toast);
    if (getChildren().size() > MAX_SHOWN) {
      getChildren().remove(0);
    }
    FadeTransition fade = new FadeTransition(Duration.millis(600), toast);
    fade.setToValue(0);
    SequentialTransition life = new SequentialTransition(new PauseTransition(Duration.seconds(n.failed() ? 12 : 5)),
        fade);
    life.setOnFinished(e -> getChildren().remove(toast));
    life.play();
  }
}
