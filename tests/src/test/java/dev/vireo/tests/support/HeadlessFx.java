package dev.vireo.tests.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit headless (Monocle, software rendering) once per test JVM; the FX
 * tests of a run share it (a toolkit cannot be started twice or switch platforms).
 */
public final class HeadlessFx {
  private HeadlessFx() {}

  /** Runs {@code work} on the FX thread and waits (30 s at most) for its result or failure. */
  public static <T> T call(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        f.complete(work.call());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(30, TimeUnit.SECONDS);
  }

  public static void start() throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    // a full-HD screen, so full-screen stages (the big screen) have the size of a wall display
    System.setProperty("headless.geometry", "1920x1080-32");
    System.setProperty("monocle.headless.geometry", "1920x1080-32");
    System.setProperty("prism.order", "sw");
    System.setProperty("java.awt.headless", "true");
    try {
      CompletableFuture<Void> started = new CompletableFuture<>();
      Platform.startup(() -> started.complete(null));
      started.get(30, TimeUnit.SECONDS);
    } catch (IllegalStateException alreadyRunning) {
      // another test of this JVM started the toolkit
    }
    Platform.setImplicitExit(false);
  }
}
