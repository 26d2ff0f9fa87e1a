package dev.vireo.tests.support;

import dev.vireo.api.model.VmState;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Screen;
import dev.vireo.client.console.ConsolePane;
import dev.vireo.client.main.ClientShell;
import dev.vireo.client.main.StartOptions;
import dev.vireo.client.main.Theme;
import dev.vireo.client.vms.VmRow;
import dev.vireo.client.vms.VmsScreen;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * The README's screenshots of the desktop client with real data: run in a JVM of its own on an X
 * display (the normal GTK glass platform, software rendering) by {@code DesktopScreenshotsE2eTest}
 * against a lab whose VM is busy. Logs in through the login screen, then saves the login, the main
 * window (VMs), the VM's monitoring charts, its console window and the big-screen mode (a second
 * client started as with {@code --big-screen}) as PNGs.
 *
 * <p>Arguments: server URL, admin password, VM name, output directory. Exits 0 when all five are
 * written, 1 otherwise (the reason on standard error).
 */
public final class DesktopScreenshots {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private final String server;
  private final String password;
  private final String vmName;
  private final Path out;
  private final Preferences prefs;

  private DesktopScreenshots(String[] args) {
    this.server = args[0];
    this.password = args[1];
    this.vmName = args[2];
    this.out = Path.of(args[3]);
    this.prefs = Preferences.userRoot().node("dev/vireo/tests/desktop-shots-" + ProcessHandle.current().pid());
  }

  public static void main(String[] args) {
    int status = 1;
    DesktopScreenshots shots = new DesktopScreenshots(args);
    try {
      CompletableFuture<Void> started = new CompletableFuture<>();
      Platform.startup(() -> started.complete(null));
      started.get(60, TimeUnit.SECONDS);
      Platform.setImplicitExit(false);
      shots.run();
      status = 0;
    } catch (Throwable t) {
      t.printStackTrace();
    } finally {
      try {
        shots.prefs.removeNode();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
    System.exit(status);
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    // ---- the login, filled in
    ClientShell shell = fx(() -> {
      Stage stage = new Stage();
      ClientShell s = ClientShell.start(stage, new StartOptions(server, "en", Theme.LIGHT, false, "admin"),
          new ClientPreferences(prefs));
      stage.setWidth(1560);
      stage.setHeight(960);
      ((PasswordField) s.scene().lookup("#login-password")).setText(password);
      return s;
    });
    pause(1500);
    save(shell.scene(), "desktop-login.png");
    logIn(shell, () -> shell.mainWindow() != null);
    await("the main window", () -> shell.mainWindow() != null);

    // ---- the VMs screen with the busy VM selected
    VmsScreen vms = fx(() -> shell.mainWindow().screens().stream().filter(VmsScreen.class::isInstance)
        .map(VmsScreen.class::cast).findFirst().orElseThrow());
    fx(() -> {
      @SuppressWarnings("unchecked")
      ListView<Screen> nav = (ListView<Screen>) shell.scene().lookup("#main-nav");
      nav.getSelectionModel().select(vms);
      return null;
    });
    await("the VM RUNNING in the table", () -> row(shell).map(r -> r.vm().state() == VmState.RUNNING).orElse(false));
    fx(() -> {
      table(shell).getSelectionModel().select(row(shell).orElseThrow());
      return null;
    });
    await("the detail pane", () -> !((Button) shell.scene().lookup("#vm-action-stop")).isDisable());
    pause(1500);
    save(shell.scene(), "desktop-main.png");

    // ---- its monitoring charts, once they have a few points
    fx(() -> {
      SplitPane split = (SplitPane) shell.scene().lookup(".split-pane");
      split.setDividerPositions(0.36);
      TabPane tabs = (TabPane) shell.scene().lookup(".tab-pane");
      tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "vm-monitoring-tab".equals(t.getId()))
          .findFirst().orElseThrow());
      return null;
    });
    // the last hour, live: the 10 s refresh must add the real agent's samples (it once stopped after
    // a GC, when the chart listened to a per-call view of the history)
    await("four CPU points in the VM's live chart", Duration.ofSeconds(90), () -> cpuPointsNow(shell) >= 4);
    int before = cpuPoints(shell);
    await("the live chart growing", Duration.ofSeconds(60), () -> cpuPointsNow(shell) > before);
    // the minutes the VM has run as a custom range (the last hour squeezes them to the right edge)
    fx(() -> {
      List<javafx.scene.control.TextField> times = shell.scene().lookup("#metric-charts").lookupAll(".text-field")
          .stream().filter(n -> n instanceof javafx.scene.control.TextField f && f.getText() != null
              && f.getText().matches("\\d{2}:\\d{2}")).map(javafx.scene.control.TextField.class::cast).toList();
      java.time.ZonedDateTime now = java.time.ZonedDateTime.now();
      times.get(0).setText(String.format("%02d:%02d", now.minusMinutes(3).getHour(), now.minusMinutes(3).getMinute()));
      times.get(1).setText(String.format("%02d:%02d", now.plusMinutes(1).getHour(), now.plusMinutes(1).getMinute()));
      ((Button) shell.scene().lookup("#chart-apply")).fire();
      return null;
    });
    await("the custom range's CPU points", Duration.ofSeconds(45), () -> cpuPointsNow(shell) >= 6);
    pause(1500);
    save(shell.scene(), "desktop-vm-charts.png");

    // ---- the console window, with a command typed into the guest's shell
    fx(() -> {
      TabPane tabs = (TabPane) shell.scene().lookup(".tab-pane");
      tabs.getSelectionModel().select(0);
      ((SplitPane) shell.scene().lookup(".split-pane")).setDividerPositions(0.68);
      ((Button) shell.scene().lookup("#vm-action-console")).fire();
      return null;
    });
    await("the console window", () -> console().isPresent());
    ConsolePane console = fx(() -> console().orElseThrow());
    await("a console frame", () -> console.view().frames() > 0 && console.statusText().matches(".* \\d+×\\d+"));
    pause(2000);
    console.view().type("uname -a; echo Hello from the Vireo desktop console");
    fx(() -> {
      console.view().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
      console.view().fireEvent(new KeyEvent(KeyEvent.KEY_RELEASED, "", "", KeyCode.ENTER, false, false, false, false));
      return null;
    });
    pause(3000);
    save(console.getScene(), "desktop-console.png");
    fx(() -> {
      console.getScene().getWindow().hide();
      return null;
    });

    // ---- the big screen: a second client as a kiosk starts it (--big-screen)
    ClientShell kiosk = fx(() -> {
      Stage stage = new Stage();
      ClientShell s = ClientShell.start(stage, new StartOptions(server, "en", Theme.DARK, true, "admin"),
          new ClientPreferences(prefs));
      ((PasswordField) s.scene().lookup("#login-password")).setText(password);
      return s;
    });
    Stage kioskStage = fx(() -> (Stage) Window.getWindows().stream()
        .filter(w -> w.getScene() == kiosk.scene()).findFirst().orElseThrow());
    logIn(kiosk, () -> kioskStage.getScene() != kiosk.scene());
    await("the big screen", () -> kioskStage.getScene().lookup("#big-screen") != null);
    fx(() -> {
      // no window manager on the Xvfb display to make the window full-screen: sized by hand, to the
      // wall display the mode is laid out for (1920x1080) when the screen is smaller
      javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
      kioskStage.setX(0);
      kioskStage.setY(0);
      kioskStage.setWidth(Math.max(1920, screen.getWidth()));
      kioskStage.setHeight(Math.max(1080, screen.getHeight()));
      return null;
    });
    await("the big screen's figures", () -> {
      Scene s = kioskStage.getScene();
      return "1".equals(text(s, "#nodes-total")) && texts(s.lookup("#top-vms-cpu_usage_percent")).contains(vmName)
          && texts(s.lookup("#top-nodes-cpu_usage_percent")).contains("%");
    });
    pause(2000);
    save(kioskStage.getScene(), "desktop-big-screen.png");

    // ---- the platform settings and the roles (issue 9's screens) in the main window
    show(shell, dev.vireo.client.settings.SettingsScreen.class);
    await("the settings' tabs", () -> shell.scene().lookup(".tab-pane") != null); // checks run on the FX thread
    pause(2000); // the values load off the FX thread
    save(shell.scene(), "desktop-settings.png");
    show(shell, dev.vireo.client.roles.RolesScreen.class);
    await("the roles", () -> shell.scene().getRoot().lookupAll(".table-row-cell").stream()
        .anyMatch(c -> c instanceof javafx.scene.control.TableRow<?> r && r.getItem() != null));
    pause(1000);
    save(shell.scene(), "desktop-roles.png");
    fx(() -> {
      for (Window w : List.copyOf(Window.getWindows())) {
        w.hide();
      }
      shell.close();
      kiosk.close();
      return null;
    });
  }

  /** Selects the navigation entry of the screen of type {@code type}. */
  private void show(ClientShell shell, Class<? extends Screen> type) throws Exception {
    fx(() -> {
      Screen screen = shell.mainWindow().screens().stream().filter(type::isInstance).findFirst().orElseThrow();
      @SuppressWarnings("unchecked")
      ListView<Screen> nav = (ListView<Screen>) shell.scene().lookup("#main-nav");
      nav.getSelectionModel().select(screen);
      return null;
    });
  }

  /** Connects; accepts the fingerprint when it is asked for (the first connect of the profile). */
  private void logIn(ClientShell shell, Check done) throws Exception {
    fx(() -> {
      ((Button) shell.scene().lookup("#login-connect")).fire();
      return null;
    });
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      boolean asked = fx(() -> {
        Node box = shell.scene().lookup("#login-fingerprint-box");
        return box != null && box.isVisible();
      });
      if (asked) {
        fx(() -> {
          ((Button) shell.scene().lookup("#login-accept")).fire();
          return null;
        });
        return;
      }
      if (fx(done::ok)) {
        return; // logged in without being asked
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("neither the fingerprint nor the session after connecting");
  }

  /** The CPU chart's points; on the FX thread. */
  private static int cpuPointsNow(ClientShell shell) {
    return ((LineChart<?, ?>) shell.scene().lookup("#chart-cpu_usage_percent")).getData().get(0).getData().size();
  }

  private static int cpuPoints(ClientShell shell) throws Exception {
    return fx(() -> cpuPointsNow(shell));
  }

  @SuppressWarnings("unchecked")
  private static TableView<VmRow> table(ClientShell shell) {
    return (TableView<VmRow>) shell.scene().lookup("#vm-table");
  }

  private Optional<VmRow> row(ClientShell shell) {
    TableView<VmRow> t = table(shell);
    return t == null ? Optional.empty() : t.getItems().stream().filter(r -> vmName.equals(r.vm().name())).findFirst();
  }

  private static Optional<ConsolePane> console() {
    return Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene)
        .filter(s -> s != null && s.getRoot() instanceof ConsolePane).map(s -> (ConsolePane) s.getRoot()).findFirst();
  }

  private static String text(Scene s, String selector) {
    Node n = s.lookup(selector);
    return n instanceof Label l ? l.getText() : null;
  }

  private static String texts(Node n) {
    return n == null ? "" : String.join(" | ", n.lookupAll(".label").stream().filter(Label.class::isInstance)
        .map(l -> ((Label) l).getText()).toList());
  }

  /** The scene as the window shows it, written as a PNG (pixels copied by hand: no javafx-swing). */
  private void save(Scene scene, String name) throws Exception {
    WritableImage image = fx(() -> scene.snapshot(null));
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    PixelReader pixels = image.getPixelReader();
    BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        png.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    ImageIO.write(png, "png", out.resolve(name).toFile());
    System.out.println("saved " + out.resolve(name) + " (" + w + "x" + h + ")");
  }

  private static void pause(long millis) throws Exception {
    Thread.sleep(millis);
    fx(() -> null); // a pulse for layout and CSS
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    await(what, WAIT, check);
  }

  private static void await(String what, Duration timeout, Check check) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!fx(check::ok)) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return dev.vireo.tests.support.HeadlessFx.call(work);
  }
}
