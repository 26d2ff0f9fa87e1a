package dev.vireo.client.main;

import java.util.function.BooleanSupplier;

/** Waits for what a view-model's background call changes. */
public final class Await {
  private Await() {}

  public static void until(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
