package dev.vireo.client.bigscreen;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

/**
 * Shows its content whole in whatever space its tile has: laid out at the available width when it
 * fits, otherwise laid out wider and scaled down (never up) until its wrapped height fits. A wall
 * display of 1600×1000 gets the same figures as one of 1920×1080, smaller, instead of cards
 * spilling out of the tile.
 */
final class FitPane extends Region {
  private static final double MIN_SCALE = 0.4;
  private final Node content;
  private final Scale scale = new Scale(1, 1, 0, 0);

  FitPane(Node content) {
    this.content = content;
    content.getTransforms().add(scale);
    getChildren().add(content);
    setMinSize(0, 0);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
  }

  /** The scale the content has now (1: it fits as is). */
  double scale() {
    return scale.getX();
  }

  @Override
  protected double computePrefWidth(double height) {
    return 0;
  }

  @Override
  protected double computePrefHeight(double width) {
    return 0;
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    if (w <= 0 || h <= 0) {
      return;
    }
    double s = fittingScale(w, h);
    double width = w / s;
    double height = Math.max(content.prefHeight(width), 0);
    scale.setX(s);
    scale.setY(s);
    content.resizeRelocate(0, 0, width, height);
  }

  /** The largest scale (1 down to {@link #MIN_SCALE}, in steps of 0.02) at which the content's height fits. */
  private double fittingScale(double w, double h) {
    for (double s = 1; s > MIN_SCALE; s -= 0.02) {
      if (content.prefHeight(w / s) * s <= h) {
        return s;
      }
    }
    return MIN_SCALE;
  }
}
