package dev.vireo.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Values as people read them: binary sizes with one decimal, instants to the second. */
final class Human {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

  private Human() {}

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  static String gib(int gib) {
    return gib + " GiB";
  }

  static String time(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String str(Object value) {
    return value == null ? null : value.toString();
  }
}
