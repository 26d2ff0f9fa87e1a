package dev.vireo.client.main;

import java.util.Optional;

/**
 * Where the shell finds the {@link BigScreenLauncher} for {@code --big-screen}: one given to
 * {@link #register} (a test), else {@link dev.vireo.client.bigscreen.BigScreenLauncher#open}.
 */
public final class BigScreenLaunchers {
  private static volatile BigScreenLauncher registered;

  private BigScreenLaunchers() {}

  /** Makes {@code launcher} the one used (the big-screen package or a test). */
  public static void register(BigScreenLauncher launcher) {
    registered = launcher;
  }

  /** The launcher: a registered one, else the big-screen mode of dev.vireo.client.bigscreen. */
  public static Optional<BigScreenLauncher> find() {
    if (registered != null) {
      return Optional.of(registered);
    }
    return Optional.of((ctx, stage) -> dev.vireo.client.bigscreen.BigScreenLauncher.open(ctx, stage));
  }
}
