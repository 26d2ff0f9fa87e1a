package dev.vireo.client.main;

import dev.vireo.client.app.ClientPreferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The main window's size, position and maximised state in {@link ClientPreferences} ({@code main.window.*}). */
public final class WindowLayout {
  private static final String KEY = "main.window.";
  private final ClientPreferences prefs;

  public WindowLayout(ClientPreferences prefs) {
    this.prefs = prefs;
  }

  /** Puts the stage where it was last time, if that is still on a screen. */
  public void restore(Stage stage) {
    double w = prefs.getDouble(KEY + "width", 1280);
    double h = prefs.getDouble(KEY + "height", 800);
    double x = prefs.getDouble(KEY + "x", Double.NaN);
    double y = prefs.getDouble(KEY + "y", Double.NaN);
    stage.setWidth(Math.max(640, w));
    stage.setHeight(Math.max(400, h));
    if (!Double.isNaN(x) && !Double.isNaN(y)
        && !Screen.getScreensForRectangle(new Rectangle2D(x, y, w, h)).isEmpty()) {
      stage.setX(x);
      stage.setY(y);
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(Boolean.parseBoolean(prefs.get(KEY + "maximized", "false")));
  }

  /** Remembers the stage's geometry (the un-maximised one while maximised). */
  public void save(Stage stage) {
    prefs.put(KEY + "maximized", Boolean.toString(stage.isMaximized()));
    if (!stage.isMaximized() && !stage.isFullScreen()) {
      prefs.putDouble(KEY + "x", stage.getX());
      prefs.putDouble(KEY + "y", stage.getY());
      prefs.putDouble(KEY + "width", stage.getWidth());
      prefs.putDouble(KEY + "height", stage.getHeight());
    }
  }
}
