package dev.vireo.client.resources;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** How a cell value shows: times in the local zone, nulls blank. */
final class Cells {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
      .withZone(ZoneId.systemDefault());

  private Cells() {}

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant i) {
      return WHEN.format(i);
    }
    return String.valueOf(value);
  }
}
