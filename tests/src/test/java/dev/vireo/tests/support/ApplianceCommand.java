package dev.vireo.tests.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bin/vireo} as a user would, against an appliance of its own: its own state
 * directory, ports and CLI profile, so a developer's appliance on this machine is never touched.
 */
public final class ApplianceCommand {
  private final Path root = RepoRoot.find();
  private final Map<String, String> env;

  public ApplianceCommand(Path stateDir) {
    this.env = Map.of(
        "VIREO_STATE_DIR", stateDir.toString(),
        "VIREO_PORT", String.valueOf(freePort()),
        "VIREO_AGENT_PORT", String.valueOf(freePort()),
        "VIREO_PROFILE", stateDir.resolve("cli-profile.ini").toString(),
        // the suite's Maven build has just packaged every module
        "VIREO_SKIP_BUILD", "1",
        // other tests share this machine's libvirtd
        "VIREO_KEEP_LIBVIRT", "1");
  }

  public Commands.Result run(long timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(root.resolve("bin/vireo").toString());
    cmd.addAll(List.of(args));
    return Commands.run(cmd, env, timeoutSeconds);
  }

  /** Runs and requires exit code 0; returns the output. */
  public String check(long timeoutSeconds, String... args) {
    Commands.Result r = run(timeoutSeconds, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("vireo " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
