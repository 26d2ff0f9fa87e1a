package dev.vireo.client.dashboard;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers as the dashboards show them, in the UI's locale: percentages, sizes in binary units
 * (KiB, MiB, GiB, TiB: unit symbols, the same in every language), rates per second, times of day.
 */
public final class FigureFormat {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  private final Locale locale;
  private final ZoneId zone;

  public FigureFormat(Locale locale, ZoneId zone) {
    this.locale = locale;
    this.zone = zone;
  }

  public String percent(double v) {
    return number(v, 1) + " %";
  }

  public String bytes(double v) {
    double x = Math.abs(v);
    int unit = 0;
    while (x >= 1024 && unit < UNITS.length - 1) {
      x /= 1024;
      unit++;
    }
    return number(Math.signum(v) * x, unit == 0 ? 0 : 1) + " " + UNITS[unit];
  }

  public String rate(double bytesPerSecond) {
    return bytes(bytesPerSecond) + "/s";
  }

  /** A metric's value by its name: percentages, rates ({@code _per_second}) or sizes ({@code _bytes}). */
  public String metric(String metric, double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (metric.endsWith("_percent")) {
      return percent(v);
    }
    if (metric.endsWith("_bytes_per_second")) {
      return rate(v);
    }
    if (metric.endsWith("_bytes")) {
      return bytes(v);
    }
    return number(v, 1);
  }

  /** A value of an allocation of {@code kind} (vCPUs as a number, memory and storage in bytes). */
  public String allocation(String kind, double v) {
    return Allocation.CPU.equals(kind) ? number(v, v == Math.rint(v) ? 0 : 1) : bytes(v);
  }

  public String number(double v, int decimals) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(decimals);
    f.setMaximumFractionDigits(decimals);
    return f.format(v);
  }

  public String time(Instant at) {
    return at == null ? "" : DateTimeFormatter.ofPattern("HH:mm:ss", locale).withZone(zone).format(at);
  }

  public String dateTime(Instant at) {
    return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", locale).withZone(zone).format(at);
  }
}
