package dev.vireo.client.dashboard;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Runs an action every period while a node is shown (in a scene of a showing window, and
 * visible), once at once when it becomes shown; stops when it is not. View side, FX thread: the
 * action is a view-model's refresh, which does its network work through Background.
 */
public final class PeriodicRefresh {
  /** How often the dashboards refresh. */
  public static final Duration EVERY_10_SECONDS = Duration.seconds(10);
  private final Node node;
  private final Runnable action;
  private final Timeline timeline;
  private final ChangeListener<Window> windowListener = (o, a, w) -> watchWindow(w);
  private final ChangeListener<Boolean> showingListener = (o, a, s) -> update();
  private Scene scene;
  private Window window;
  private boolean running;

  private PeriodicRefresh(Node node, Duration every, Runnable action) {
    this.node = node;
    this.action = action;
    this.timeline = new Timeline(new KeyFrame(every, e -> action.run()));
    timeline.setCycleCount(Timeline.INDEFINITE);
  }

  /** Starts watching {@code node}; call on the FX thread. */
  public static PeriodicRefresh whileShowing(Node node, Duration every, Runnable action) {
    PeriodicRefresh r = new PeriodicRefresh(node, every, action);
    node.sceneProperty().addListener((o, a, s) -> r.watchScene(s));
    node.visibleProperty().addListener((o, a, v) -> r.update());
    r.watchScene(node.getScene());
    return r;
  }

  /** Whether the timeline runs now. */
  public boolean running() {
    return running;
  }

  private void watchScene(Scene s) {
    if (scene != null) {
      scene.windowProperty().removeListener(windowListener);
    }
    scene = s;
    if (s != null) {
      s.windowProperty().addListener(windowListener);
    }
    watchWindow(s == null ? null : s.getWindow());
  }

  private void watchWindow(Window w) {
    if (window != null) {
      window.showingProperty().removeListener(showingListener);
    }
    window = w;
    if (w != null) {
      w.showingProperty().addListener(showingListener);
    }
    update();
  }

  private void update() {
    boolean shown = window != null && window.isShowing() && node.isVisible();
    if (shown && !running) {
      running = true;
      action.run();
      timeline.play();
    } else if (!shown && running) {
      running = false;
      timeline.stop();
    }
  }
}
