package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real qemu-img for the agent's disk tests: whether it is there, and running it. */
final class QemuImgs {
  private QemuImgs() {}

  static boolean available() {
    try {
      return new ProcessBuilder("qemu-img", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Runs the command and fails the test unless it exits 0. */
  static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), String.join(" ", command));
  }
}
