package dev.vireo.client.main;

/** Number formats of the tables. */
public final class Units {
  private Units() {}

  /** Bytes as GiB with one decimal (a Double, so the column sorts by value). */
  public static Double gib(long bytes) {
    return Math.round(bytes / (1024.0 * 1024 * 1024) * 10) / 10.0;
  }
}
