package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.bigscreen.BigScreenLauncher;
import dev.vireo.client.bigscreen.BigScreenView;
import dev.vireo.client.dashboard.MetricChartView;
import dev.vireo.client.dashboard.OverviewScreen;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.RepoRoot;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop client's overview, metric charts and big screen against a real server with a fake
 * node (headless JavaFX, Monocle's software pipeline): the figures they show are the server's,
 * including a posted metrics report; the renders go to docs/images for the README.
 */
@Timeout(300)
class DesktopDashboardTest extends FakeNodeApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private Preferences prefsNode;
  private AppContext ctx;
  private String busyVm;
  private String quietVm;

  @BeforeAll
  void startToolkitAndReportMetrics() throws Exception {
    dev.vireo.tests.support.HeadlessFx.start();
    busyVm = createVm("web-frontend-1", true);
    quietVm = createVm("batch-worker-2", true);
    // the fake node pushes no metrics: report half an hour of them as its agent would, once a minute
    Instant now = Instant.now();
    for (int i = 29; i >= 0; i--) {
      double wave = Math.sin(i / 4.0);
      report(now.minusSeconds(60L * i), List.of(
          sample("node", node.nodeId(), "cpu_usage_percent", i == 0 ? 37.5 : 30 + 8 * wave),
          sample("node", node.nodeId(), "memory_used_bytes", 6.0 * (1L << 30)),
          sample("node", node.nodeId(), "disk_read_bytes_per_second", 4.0e6),
          sample("node", node.nodeId(), "disk_write_bytes_per_second", 2.5e6),
          sample("vm", busyVm, "cpu_usage_percent", i == 0 ? 64.5 : 55 + 10 * wave),
          sample("vm", busyVm, "memory_used_bytes", 1.5 * (1L << 30)),
          sample("vm", busyVm, "disk_read_bytes_per_second", 3.0e6 + 1.0e6 * wave),
          sample("vm", busyVm, "disk_write_bytes_per_second", 1.2e6 - 4.0e5 * wave),
          sample("vm", busyVm, "network_receive_bytes_per_second", 8.0e5 + 3.0e5 * wave),
          sample("vm", busyVm, "network_transmit_bytes_per_second", 2.0e5 + 1.0e5 * Math.cos(i / 3.0)),
          sample("vm", quietVm, "cpu_usage_percent", 12.5),
          sample("vm", quietVm, "memory_used_bytes", 0.5 * (1L << 30)),
          sample("vm", quietVm, "disk_read_bytes_per_second", 1.0e5),
          sample("vm", quietVm, "disk_write_bytes_per_second", 9.0e6)));
    }
    prefsNode = Preferences.userRoot().node("dev/vireo/client-tests/dashboard-" + System.nanoTime());
    ctx = new AppContext(new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token),
        new Background(UiExecutor.fx(), 4), UiExecutor.fx(), new Messages(Locale.ENGLISH),
        new ClientPreferences(prefsNode));
  }

  @AfterAll
  void closeClient() throws Exception {
    dev.vireo.tests.support.HeadlessFx.closeAllWindows();
    if (ctx != null) {
      ctx.io().close();
    }
    if (prefsNode != null) {
      prefsNode.removeNode();
    }
  }

  @Test
  void overviewShowsTheServersFiguresAndTopVms() throws Exception {
    OverviewScreen screen = new OverviewScreen(ctx);
    Stage stage = fx(() -> {
      Stage s = new Stage();
      s.setScene(new Scene((Parent) screen.view(), 1280, 860));
      s.show();
      return s;
    });
    screen.viewModel().refresh().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Parent root = (Parent) fx(screen::view);
    assertEquals("1", fx(() -> text(root, "#nodes-total")));
    assertEquals("2", fx(() -> text(root, "#vms-total")));
    String vms = fx(() -> texts(root.lookup("#overview-top-vms-cpu")));
    assertTrue(vms.matches("(?s).*web-frontend-1.*64\\.5 %.*batch-worker-2.*12\\.5 %.*"), vms);
    String nodes = fx(() -> texts(root.lookup("#overview-top-nodes-cpu")));
    assertTrue(nodes.contains("37.5 %"), nodes);
    assertTrue(fx(() -> text(root, "#allocation-cpu")).startsWith("2 / "), "two 1-vCPU VMs placed");
    snapshot(root, "overview.png");
    fx(() -> {
      stage.close();
      return null;
    });
  }

  /** At 1600×1000 (not only at full HD) the overview tile shows its figure cards inside the tile. */
  @Test
  void bigScreenOverviewFitsItsTileAt1600x1000() throws Exception {
    Stage stage = fx(Stage::new);
    BigScreenView view = fx(() -> {
      BigScreenView v = BigScreenLauncher.create(ctx);
      stage.setScene(new Scene(v.node(), 1600, 1000));
      stage.show();
      return v;
    });
    view.viewModel().refresh().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Parent root = view.node();
    String overflow = fx(() -> {
      root.applyCss();
      root.layout();
      javafx.scene.Node tile = root.lookup("#tile-overview");
      javafx.scene.Node totals = tile.lookup(".totals");
      javafx.geometry.Bounds t = tile.localToScene(tile.getLayoutBounds());
      javafx.geometry.Bounds c = totals.localToScene(totals.getLayoutBounds());
      return c.getMaxY() <= t.getMaxY() + 1 && c.getMaxX() <= t.getMaxX() + 1 ? "" : "cards " + c + " tile " + t;
    });
    assertEquals("", overflow, "the overview's cards stay inside their tile");
    assertEquals("1", fx(() -> text(root, "#nodes-total")));
    fx(() -> {
      stage.close();
      return null;
    });
  }

  @Test
  void bigScreenShowsTheLiveFiguresFullScreen() throws Exception {
    BigScreenView view = fx(() -> BigScreenLauncher.open(ctx, new Stage()));
    view.viewModel().refresh().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Parent root = view.node();
    assertTrue(fx(() -> ((Stage) root.getScene().getWindow()).isFullScreen()));
    assertTrue(fx(view::refreshing), "refreshes every 10 s while shown");
    assertEquals("1", fx(() -> text(root, "#nodes-total")));
    String cpu = fx(() -> texts(root.lookup("#top-vms-cpu_usage_percent")));
    assertTrue(cpu.matches("(?s).*web-frontend-1.*64\\.5 %.*"), cpu);
    String write = fx(() -> texts(root.lookup("#top-vms-disk_write_bytes_per_second")));
    assertTrue(write.matches("(?s).*batch-worker-2.*web-frontend-1.*"), "ranked by disk write: " + write);
    // the server's branding titles the big screen (ADR 0044): its big-screen title, else its site title
    assertEquals("Vireo", fx(() -> text(root, "#big-screen-title")));
    fx(() -> {
      view.viewModel().setTitle("Data center A · Hall 2");
      return null;
    });
    assertEquals("Data center A · Hall 2", fx(() -> text(root, "#big-screen-title")));
    snapshot(root, "big-screen.png");
    fx(() -> {
      root.getScene().getWindow().hide();
      return null;
    });
  }

  @Test
  void chartsOfAVmShowItsReportedHistory() throws Exception {
    Node charts = fx(() -> MetricChartView.forResource(ctx, "vm", busyVm));
    Stage stage = fx(() -> {
      Stage s = new Stage();
      s.setScene(new Scene((Parent) charts, 1280, 760));
      s.show();
      return s;
    });
    long end = System.nanoTime() + WAIT.toNanos();
    int points = 0;
    while (System.nanoTime() < end && points < 30) {
      points = fx(() -> {
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> cpu = (LineChart<Number, Number>) charts.lookup("#chart-cpu_usage_percent");
        return cpu.getData().get(0).getData().size();
      });
      Thread.sleep(100);
    }
    assertEquals(30, points, "every reported CPU sample of the last hour");
    snapshot((Parent) charts, "metric-charts.png");
    fx(() -> {
      stage.close();
      return null;
    });
  }

  private void report(Instant at, List<String> samples) throws Exception {
    String json = "{\"nodeId\":\"" + node.nodeId() + "\",\"sampledAt\":\"" + at + "\",\"samples\":["
        + String.join(",", samples) + "]}";
    var r = api.send("POST", dev.vireo.agent.protocol.AgentHttp.METRICS_PATH, server.joinToken(), json);
    assertEquals(204, r.status(), r.toString());
  }

  private static String sample(String type, String id, String metric, double value) {
    return "{\"resourceType\":\"" + type + "\",\"resourceId\":\"" + id + "\",\"metric\":\"" + metric
        + "\",\"value\":" + value + "}";
  }

  private static String text(Parent root, String selector) {
    Node n = root.lookup(selector);
    return n instanceof Label l ? l.getText() : null;
  }

  /** The texts of every label under {@code n}, in scene-graph order. */
  private static String texts(Node n) {
    return n.lookupAll(".label").stream().filter(Label.class::isInstance).map(l -> ((Label) l).getText())
        .collect(Collectors.joining(" | "));
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return dev.vireo.tests.support.HeadlessFx.call(work);
  }

  /** Renders {@code root} and writes it to docs/images (no javafx-swing: pixels copied by hand). */
  private static void snapshot(Parent root, String name) throws Exception {
    WritableImage image = fx(() -> {
      root.applyCss();
      root.layout();
      return root.snapshot(null, null);
    });
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    PixelReader pixels = image.getPixelReader();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    long distinct = 0;
    int first = pixels.getArgb(0, 0);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = pixels.getArgb(x, y);
        out.setRGB(x, y, argb);
        if (argb != first) {
          distinct++;
        }
      }
    }
    assertTrue(w > 600 && h > 400 && distinct > w * h / 50, name + " renders something (" + w + "x" + h + ")");
    Path file = RepoRoot.find().resolve("docs/images").resolve(name);
    Files.createDirectories(file.getParent());
    ImageIO.write(out, "png", file.toFile());
  }
}
