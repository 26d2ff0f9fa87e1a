package dev.vireo.server.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces of signed requests still inside the accepted clock window: a nonce seen again for
 * the same key before its request's date leaves the window is a replay. Kept in memory; a
 * restart forgets them, which the ±window on the date bounds (ADR 0042).
 */
final class NonceWindow {
  private final Duration window;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private volatile Instant lastPurge = Instant.EPOCH;

  NonceWindow(Duration window) {
    this.window = window;
  }

  /** Records the nonce; false when it was seen already within the window. */
  boolean firstUse(String accessKey, String nonce, Instant date, Instant now) {
    purge(now);
    Instant until = (date.isAfter(now) ? date : now).plus(window);
    Instant before = seen.putIfAbsent(accessKey + "\n" + nonce, until);
    return before == null || before.isBefore(now) && seen.replace(accessKey + "\n" + nonce, before, until);
  }

  private void purge(Instant now) {
    if (Duration.between(lastPurge, now).toSeconds() >= 10) {
      lastPurge = now;
      seen.values().removeIf(until -> until.isBefore(now));
    }
  }
}
