package dev.vireo.tests.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit headless (Monocle, software rendering) once per test JVM through TestFX's
 * {@code FxToolkit}, so the tests can drive the client with TestFX's {@code FxRobot}; the FX tests
 * of a run share it (a toolkit cannot be started twice or switch platforms).
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
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the FX thread did not run the work within 30 s; it is at:\n" + fxThreadStack(), e);
    }
  }

  /** A condition a test waits for; it may throw while the state is not there yet. */
  public interface Check {
    boolean ok() throws Exception;
  }

  /** Waits (30 s at most, polling every 100 ms) until {@code check} holds; fails naming {@code what}. */
  public static void await(String what, Check check) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!check.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** The node of {@code scene} that {@code selector} finds (call on the FX thread); fails when there is none. */
  @SuppressWarnings("unchecked")
  public static <T extends javafx.scene.Node> T lookup(javafx.scene.Scene scene, String selector) {
    javafx.scene.Node n = scene.lookup(selector);
    if (n == null) {
      throw new AssertionError("no " + selector + " in the scene");
    }
    return (T) n;
  }

  /** Hides every window the tests of a class left open, so the shared toolkit starts the next class clean. */
  public static void closeAllWindows() throws Exception {
    call(() -> {
      for (javafx.stage.Window w : java.util.List.copyOf(javafx.stage.Window.getWindows())) {
        w.hide();
      }
      return null;
    });
  }

  /** Where the JavaFX application thread is now (for a test that waited on it in vain). */
  public static String fxThreadStack() {
    StringBuilder out = new StringBuilder();
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (var info : mx.dumpAllThreads(true, true)) {
      String name = info.getThreadName();
      if (name.startsWith("JavaFX Application Thread") || name.startsWith("QuantumRenderer")) {
        out.append(describe(info));
        if (info.getLockOwnerId() >= 0) {
          var owner = mx.getThreadInfo(new long[] {info.getLockOwnerId()}, true, true)[0];
          out.append("  waits for ").append(info.getLockName()).append(" held by ")
              .append(owner == null ? "a thread that has ended" : describe(owner));
        } else if (info.getLockName() != null) {
          out.append("  waits for ").append(info.getLockName()).append(" (no owner known)\n");
        }
      }
    }
    return out.toString();
  }

  private static String describe(java.lang.management.ThreadInfo info) {
    StringBuilder out = new StringBuilder(info.getThreadName() + " (" + info.getThreadState() + ")\n");
    for (StackTraceElement el : info.getStackTrace()) {
      out.append("    at ").append(el).append('\n');
    }
    return out.toString();
  }

  public static void start() throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    // a full-HD screen, so full-screen stages (the big screen) have the size of a wall display
    System.setProperty("headless.geometry", "1920x1080-32");
    System.setProperty("monocle.headless.geometry", "1920x1080-32");
    System.setProperty("prism.order", "sw");
    System.setProperty("java.awt.headless", "true");
    // TestFX's robot through Glass (Monocle has no AWT robot); TestFX starts the toolkit once per JVM
    System.setProperty("testfx.robot", "glass");
    System.setProperty("testfx.headless", "true");
    System.setProperty("testfx.setup.timeout", "30000");
    org.testfx.api.FxToolkit.registerPrimaryStage();
    Platform.setImplicitExit(false);
  }
}
