package dev.vireo.client.main;

import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;

/**
 * The light and the dark theme: Modena with our own colour overrides (ADR 0037), so ControlsFX
 * controls keep working. {@code shell.css} holds the layout shared by both.
 */
public enum Theme {
  LIGHT("light.css"),
  DARK("dark.css");

  private static final String SHELL = "shell.css";
  private final String file;

  Theme(String file) {
    this.file = file;
  }

  /** {@code light} or {@code dark}, any case. */
  public static Theme parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--theme must be light or dark, got " + value, e);
    }
  }

  /** The other one. */
  public Theme toggled() {
    return this == LIGHT ? DARK : LIGHT;
  }

  /** The style sheets of this theme, in order. */
  public List<String> stylesheets() {
    return List.of(url(SHELL), url(file));
  }

  /** Replaces the scene's theme style sheets (keeps others' sheets). */
  public void applyTo(Scene scene) {
    for (Theme t : values()) {
      scene.getStylesheets().removeAll(t.stylesheets());
    }
    scene.getStylesheets().addAll(0, stylesheets());
  }

  private static String url(String name) {
    return Theme.class.getResource(name).toExternalForm();
  }
}
