package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.tests.support.DesktopScreenshots;
import dev.vireo.tests.support.GuestShell;
import dev.vireo.tests.support.RepoRoot;
import dev.vireo.tests.support.VireoLab;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's desktop screenshots with real data (issue 7): a lab with a busy test-image VM, an
 * Xvfb display of this test's own, and {@link DesktopScreenshots} in a child JVM on it (the
 * normal GTK glass platform with software rendering; a JVM cannot switch from Monocle to GTK),
 * which writes docs/images/desktop-*.png. Xvfb and the child are ended by their PIDs.
 */
@Tag("e2e")
@Timeout(480)
class DesktopScreenshotsE2eTest {
  private static final List<String> SHOTS = List.of("desktop-login.png", "desktop-main.png",
      "desktop-vm-charts.png", "desktop-console.png", "desktop-big-screen.png");
  private static VireoLab lab;
  private static Process xvfb;
  private static Process client;
  private static String vmName;
  private static String vmId;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("shots");
    vmName = lab.vmName("web-1");
    Accepted a = lab.createVm("web-1", true);
    lab.succeed(a, Duration.ofSeconds(150));
    String vm = a.resourceId();
    vmId = vm;
    GuestShell.awaitAgent(lab, vm, Duration.ofSeconds(150));
    // a busy loop that outlives the agent's shell, so the charts and the big screen show load
    GuestShell.sh(vm, "busybox sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 & echo $! > /tmp/busy.pid; "
        + "sleep 1; kill -0 $(cat /tmp/busy.pid)");
    // and some disk traffic on the system disk, which the guest (living in its initramfs) does not use
    GuestShell.sh(vm, "busybox sh -c 'while :; do dd if=/dev/zero of=" + GuestShell.node("vda")
        + " bs=64k seek=4096 count=64 oflag=direct; dd if=" + GuestShell.node("vda")
        + " of=/dev/null bs=64k count=128 iflag=direct; sleep 2; done' </dev/null >/dev/null 2>&1 &");
    // a minute of the agent's 10 s samples, so the charts open with a history
    lab.await("six CPU samples of the busy VM", Duration.ofSeconds(120), () -> cpuPoints() >= 6);
  }

  /** How many CPU samples of the VM the server has from the last ten minutes. */
  private static int cpuPoints() {
    try {
      var r = lab.api().send("GET", "/api/v1/metrics?resourceType=vm&resourceId=" + vmId
          + "&metric=cpu_usage_percent&from=" + java.time.Instant.now().minusSeconds(600), lab.client().token(), null);
      return r.status() == 200 ? r.json().path("points").size() : 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void down() {
    try {
      end(client);
      end(xvfb);
    } finally {
      if (lab != null) {
        lab.close();
      }
    }
  }

  /** SIGTERM by PID, SIGKILL after 10 s. */
  private static void end(Process p) {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theClientsScreensWithRealDataGoToDocsImages() throws Exception {
    int display = freeDisplay();
    Path logs = Files.createDirectories(Path.of("target", "desktop-screenshots"));
    xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
        .redirectErrorStream(true).redirectOutput(logs.resolve("xvfb.log").toFile()).start();
    Path socket = Path.of("/tmp/.X11-unix/X" + display);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(socket)) {
      assertTrue(xvfb.isAlive(), "Xvfb exited: " + Files.readString(logs.resolve("xvfb.log")));
      assertTrue(System.nanoTime() < end, "no X socket " + socket);
      Thread.sleep(100);
    }

    Path out = RepoRoot.find().resolve("docs/images");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-Dprism.order=sw",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
        DesktopScreenshots.class.getName(), lab.serverUrl(), lab.adminPassword(), vmName, out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(logs.resolve("client.log").toFile());
    pb.environment().put("DISPLAY", ":" + display);
    pb.environment().remove("WAYLAND_DISPLAY");
    long t0 = System.nanoTime();
    client = pb.start();
    boolean ended = client.waitFor(300, TimeUnit.SECONDS);
    String log = Files.readString(logs.resolve("client.log"));
    assertTrue(ended, "the screenshot client did not finish:\n" + tail(log));
    assertEquals(0, client.exitValue(), "the screenshot client failed:\n" + tail(log) + "\nthe VM's CPU series: "
        + lab.api().send("GET", "/api/v1/metrics?resourceType=vm&resourceId=" + vmId + "&metric=cpu_usage_percent&from="
        + java.time.Instant.now().minusSeconds(600), lab.client().token(), null) + "\n" + lab.logs());
    System.out.printf("desktop screenshots: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    for (String name : SHOTS) {
      Path file = out.resolve(name);
      assertTrue(Files.exists(file), name + " written");
      BufferedImage image = ImageIO.read(file.toFile());
      assertTrue(image.getWidth() >= 700 && image.getHeight() >= 450, name + " " + image.getWidth() + "x"
          + image.getHeight());
      assertTrue(distinctShare(image) > 0.02, name + " shows something");
    }
  }

  /** The share of pixels that differ from the top-left one. */
  private static double distinctShare(BufferedImage image) {
    int first = image.getRGB(0, 0);
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) != first) {
          n++;
        }
      }
    }
    return (double) n / ((long) image.getWidth() * image.getHeight());
  }

  /** A display number with neither a lock file nor a socket. */
  private static int freeDisplay() {
    for (int n = 90; n < 200; n++) {
      if (!Files.exists(Path.of("/tmp/.X" + n + "-lock")) && !Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
        return n;
      }
    }
    throw new IllegalStateException("no free X display between :90 and :199");
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
  }
}
