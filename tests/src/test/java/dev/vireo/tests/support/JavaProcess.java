package dev.vireo.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A product process (server or agent) in its own JVM, started from the test class path, so a
 * test can kill it with SIGKILL like an operator's {@code kill -9}.
 */
public final class JavaProcess implements AutoCloseable {
  private final String mainClass;
  private final Path config;
  private final Path log;
  private Process process;

  public JavaProcess(String mainClass, Path config, Path log) {
    this.mainClass = mainClass;
    this.config = config;
    this.log = log;
  }

  public synchronized void start() {
    if (isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // Timestamps in the product's log, to read a crash test's timeline afterwards.
    cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.add("--config");
    cmd.add(config.toString());
    try {
      Files.createDirectories(log.getParent());
      process = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + mainClass, e);
    }
  }

  public Path config() {
    return config;
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public synchronized void kill() {
    kill9();
  }

  /**
   * Sends SIGKILL with {@code kill -KILL <pid>} (what an operator's {@code kill -9} or the OOM
   * killer does: no shutdown hook, no flush) and waits for the JVM to be gone; returns its exit
   * status, 137 (128 + 9) when the signal killed it.
   */
  public synchronized int kill9() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(mainClass + " is not running");
    }
    Commands.check(List.of("kill", "-KILL", Long.toString(process.pid())), 10);
    waitFor();
    if (process.isAlive()) {
      throw new IllegalStateException(mainClass + " (pid " + process.pid() + ") survived SIGKILL");
    }
    return process.exitValue();
  }

  /** SIGTERM, then SIGKILL after 30 s. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      waitFor();
    }
  }

  private void waitFor() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String logTail(int maxChars) {
    try {
      String s = Files.exists(log) ? Files.readString(log) : "";
      return s.length() <= maxChars ? s : s.substring(s.length() - maxChars);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }
}
