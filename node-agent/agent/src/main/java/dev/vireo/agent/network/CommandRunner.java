package dev.vireo.agent.network;

import dev.vireo.agent.command.CommandFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a host command with a timeout; tests substitute a fake. */
public interface CommandRunner {

  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  Result run(List<String> command, long timeoutSeconds);

  /** Real processes; a command that outlives its timeout is killed and fails with {@code code}. */
  static CommandRunner processes(String code) {
    return (command, timeoutSeconds) -> {
      Process p;
      try {
        p = new ProcessBuilder(command).start();
      } catch (IOException e) {
        throw new CommandFailedException(code, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
      }
      try {
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new CommandFailedException(code, String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), out.join(), err.join());
      } catch (IOException e) {
        throw new CommandFailedException(code, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new CommandFailedException("INTERRUPTED", "agent is stopping", e);
      }
    };
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
