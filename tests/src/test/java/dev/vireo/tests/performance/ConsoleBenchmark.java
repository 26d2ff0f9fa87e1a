package dev.vireo.tests.performance;

import dev.vireo.api.console.ConsoleTunnel;
import dev.vireo.api.model.ConsoleTicket;
import dev.vireo.client.console.rfb.KeyMap;
import dev.vireo.client.console.rfb.RfbSession;
import dev.vireo.tests.support.BenchmarkDoc;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.VireoLab;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Console (issue 6, ADR 0030): time from the ticket request to the first decoded frame (goal
 * ≤ 1 s) and frames per second of a full-screen update stream (the guest's tty1 scrolling random
 * hex from {@code od /dev/urandom}), through the gateway and, side by side, straight to the node's display. Decoded by
 * the viewer's RFB core (JavaFX rendering is not part of it). A measurement (tag "benchmark");
 * writes its section of docs/benchmarks.md. Run: tests/performance/console-benchmark.sh
 */
@Tag("benchmark")
@Timeout(1200)
class ConsoleBenchmark {
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 10);

  /** Bytes read so far. */
  private static final class Counting extends FilterInputStream {
    final AtomicLong bytes = new AtomicLong();

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytes.addAndGet(n);
      }
      return n;
    }
  }

  private record Open(RfbSession session, Counting in) {}

  private static Open connect(Socket s, String password) throws Exception {
    CountDownLatch up = new CountDownLatch(1);
    Counting in = new Counting(s.getInputStream());
    RfbSession session = new RfbSession(in, s.getOutputStream(), s, password, new RfbSession.Listener() {
      @Override
      public void connected(String desktopName, int width, int height) {
        up.countDown();
      }

      @Override
      public void authenticationFailed(String reason) {
        up.countDown();
      }

      @Override
      public void disconnected(String reason) {
        up.countDown();
      }
    });
    session.start();
    if (!up.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no RFB handshake within 30 s");
    }
    return new Open(session, in);
  }

  private static long untilFirstFrame(RfbSession s, long t0) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (s.frames() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no frame within 30 s");
      }
      Thread.sleep(1);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void firstFrameAndFramesPerSecondThroughTheGatewayAndStraight() throws Exception {
    String load = BenchmarkDoc.load();
    try (VireoLab lab = VireoLab.start("bench-console")) {
      var created = lab.createVm("con", true);
      String vm = created.resourceId();
      lab.succeed(created, Duration.ofSeconds(180));
      lab.awaitGuestReady(vm, 1, Duration.ofSeconds(150));
      String display = Commands.check(List.of("virsh", "-c", "qemu:///system", "vncdisplay", vm), 30).strip();
      int port = 5900 + Integer.parseInt(display.substring(display.lastIndexOf(':') + 1));
      String fp = lab.client().fingerprint();

      List<Long> viaGateway = new ArrayList<>();
      List<Long> ticketOnly = new ArrayList<>();
      List<Long> straight = new ArrayList<>();
      for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up
        long t0 = System.nanoTime();
        ConsoleTicket t = lab.client().createConsoleTicket(vm);
        long ticketMs = (System.nanoTime() - t0) / 1_000_000;
        Open g = connect(ConsoleTunnel.open(t, fp), t.password());
        long first = untilFirstFrame(g.session(), t0);
        g.session().close();
        long t1 = System.nanoTime();
        Open d = connect(new Socket("127.0.0.1", port), t.password());
        long direct = untilFirstFrame(d.session(), t1);
        d.session().close();
        if (round > 0) {
          viaGateway.add(first);
          ticketOnly.add(ticketMs);
          straight.add(direct);
        }
        System.out.printf("round %d: ticket %d ms, first frame via gateway %d ms, straight %d ms%n", round, ticketMs,
            first, direct);
      }

      // a full-screen update stream: tty1 scrolls random hex
      ConsoleTicket t = lab.client().createConsoleTicket(vm);
      Open typing = connect(ConsoleTunnel.open(t, fp), t.password());
      untilFirstFrame(typing.session(), System.nanoTime());
      typing.session().type("od -An -tx1 /dev/urandom\n"); // new random text on every line: the whole screen changes
      Thread.sleep(2000);
      double[] gw = stream(typing);
      typing.session().close(); // one viewer at a time: the same load, measured one way, then the other
      Open d = connect(new Socket("127.0.0.1", port), t.password());
      untilFirstFrame(d.session(), System.nanoTime());
      double[] direct = stream(d);
      d.session().combo(KeyMap.CONTROL, KeyMap.named("C"));
      d.session().close();

      StringBuilder s = new StringBuilder("### Latest run\n\n");
      s.append(BenchmarkDoc.runLine(load));
      s.append("- Single-node lab, test guest (VGA text console 720×400), ").append(viaGateway.size())
          .append(" rounds after one warm-up. First frame: from the ticket request (`POST /api/v1/vms/{id}/console`)"
              + " to the first decoded framebuffer update (TLS to the gateway, ticket, agent relay, RFB handshake, VNC"
              + " auth, full update); straight: a TCP connection to the display on the node's loopback with the same"
              + " password, from connect to first frame. Stream: tty1 scrolling random hex (`od -An -tx1 /dev/urandom`, every line new) for ").append(SECONDS)
          .append(" s each, frames = framebuffer updates decoded by the viewer's RFB core (Raw/CopyRect/ZRLE)\n");
      s.append("- Reproduce: `tests/performance/console-benchmark.sh` (BENCH_ROUNDS=").append(viaGateway.size())
          .append(", BENCH_SECONDS=").append(SECONDS).append(")\n\n");
      s.append("| | n | min | median | max |\n|---|---:|---:|---:|---:|\n");
      s.append(BenchmarkDoc.row("request → first frame via the gateway (ms; goal ≤ 1000)", viaGateway));
      s.append(BenchmarkDoc.row("of which the ticket request (ms)", ticketOnly));
      s.append(BenchmarkDoc.row("connect → first frame, straight to the display (ms)", straight));
      s.append("\n| full-screen update stream | updates/s | full screens/s | KiB/s |\n|---|---:|---:|---:|\n");
      s.append(String.format("| via the gateway | %.1f | %.1f | %.0f |%n", gw[0], gw[2], gw[1]));
      s.append(String.format("| straight to the display | %.1f | %.1f | %.0f |%n", direct[0], direct[2], direct[1]));
      s.append("\nUpdates are RFB framebuffer updates (QEMU sends one per change it has when the viewer asks, so"
          + " their number depends on timing); full screens/s = decoded pixels per second / (720 × 400), the"
          + " figure to compare.\n");
      BenchmarkDoc.write("console-benchmark", "VM console: first frame and frame rate",
          "tests/performance/console-benchmark.sh", s.toString());
    }
  }

  /** Updates per second, KiB per second and full-screen equivalents per second over {@code SECONDS}. */
  private static double[] stream(Open o) throws InterruptedException {
    long f0 = o.session().frames();
    long b0 = o.in().bytes.get();
    long p0 = o.session().pixelsUpdated();
    long t0 = System.nanoTime();
    Thread.sleep(SECONDS * 1000L);
    double secs = (System.nanoTime() - t0) / 1e9;
    var fb = o.session().framebuffer();
    double screen = (double) fb.width() * fb.height();
    return new double[] {(o.session().frames() - f0) / secs, (o.in().bytes.get() - b0) / 1024.0 / secs,
        (o.session().pixelsUpdated() - p0) / screen / secs};
  }
}
