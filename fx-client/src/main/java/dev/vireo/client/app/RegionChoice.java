package dev.vireo.client.app;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The region the main window's switcher shows (ADR 0047): the id of one region, or null for all
 * regions. Tables of regional resources filter their loaded rows by it, in memory (no call per
 * switch); it changes on the UI thread only.
 */
public final class RegionChoice {
  private final StringProperty regionId = new SimpleStringProperty();

  /** The chosen region's id; null: all regions. */
  public StringProperty regionIdProperty() {
    return regionId;
  }

  /** Whether a resource of {@code resourceRegion} is shown: always when all regions are chosen or it has none. */
  public static boolean shows(String chosen, String resourceRegion) {
    return chosen == null || resourceRegion == null || chosen.equals(resourceRegion);
  }
}
