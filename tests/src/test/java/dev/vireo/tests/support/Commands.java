package dev.vireo.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command and returns its output; fails loudly on a non-zero exit. */
public final class Commands {
  private Commands() {}

  public record Result(int exitCode, String output) {}

  public static Result run(List<String> command, long timeoutSeconds) {
    return run(command, java.util.Map.of(), timeoutSeconds);
  }

  /** Runs with these variables added to the environment (a test's own state dir, ports, profile). */
  public static Result run(List<String> command, java.util.Map<String, String> env, long timeoutSeconds) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public static String check(List<String> command, long timeoutSeconds) {
    Result r = run(command, timeoutSeconds);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output());
    }
    return r.output();
  }
}
