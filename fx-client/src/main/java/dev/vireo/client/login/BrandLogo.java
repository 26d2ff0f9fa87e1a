package dev.vireo.client.login;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * The branding logo as JavaFX shapes: JavaFX has no SVG loader, and the logo is a simple mark, so
 * its {@code <circle>} and {@code <path>} elements (fill, stroke, stroke-width, line caps) are
 * drawn; anything else is ignored.
 */
public final class BrandLogo {
  private static final Pattern ELEMENT = Pattern.compile("<(circle|path)\\b([^>]*)/?>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern VIEW_BOX = Pattern.compile("viewBox\\s*=\\s*\"[\\d.\\s-]+?\\s([\\d.]+)\\s+[\\d.]+\"");

  private BrandLogo() {}

  /** The logo scaled to {@code size} pixels wide; an empty group when there is none. */
  public static Node of(String svg, double size) {
    Group g = new Group();
    if (svg == null) {
      return g;
    }
    Matcher m = ELEMENT.matcher(svg);
    while (m.find()) {
      Map<String, String> a = attributes(m.group(2));
      Shape shape;
      if (m.group(1).equals("circle")) {
        shape = new Circle(num(a.get("cx")), num(a.get("cy")), num(a.get("r")));
      } else {
        SVGPath path = new SVGPath();
        path.setContent(a.getOrDefault("d", ""));
        shape = path;
      }
      shape.setFill(paint(a.getOrDefault("fill", "#000000")));
      shape.setStroke(paint(a.get("stroke")));
      shape.setStrokeWidth(num(a.getOrDefault("stroke-width", "1")));
      if ("round".equals(a.get("stroke-linecap"))) {
        shape.setStrokeLineCap(StrokeLineCap.ROUND);
      }
      if ("round".equals(a.get("stroke-linejoin"))) {
        shape.setStrokeLineJoin(StrokeLineJoin.ROUND);
      }
      g.getChildren().add(shape);
    }
    Matcher vb = VIEW_BOX.matcher(svg);
    double width = vb.find() ? num(vb.group(1)) : 64;
    double scale = width > 0 ? size / width : 1;
    g.setScaleX(scale);
    g.setScaleY(scale);
    return new Group(g);
  }

  private static Map<String, String> attributes(String s) {
    Map<String, String> map = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(s);
    while (m.find()) {
      map.put(m.group(1), m.group(2));
    }
    return map;
  }

  private static Paint paint(String value) {
    if (value == null || value.equals("none")) {
      return null;
    }
    try {
      return Color.web(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static double num(String value) {
    try {
      return value == null ? 0 : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
