package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.PinnedTrust;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Screen;
import dev.vireo.client.bigscreen.BigScreenLauncher;
import dev.vireo.client.bigscreen.BigScreenView;
import dev.vireo.client.console.ConsolePane;
import dev.vireo.client.main.ClientShell;
import dev.vireo.client.main.ScreenCatalog;
import dev.vireo.client.main.StartOptions;
import dev.vireo.client.main.Theme;
import dev.vireo.client.vms.CreateVmWizard;
import dev.vireo.client.vms.VmRow;
import dev.vireo.client.vms.VmsScreen;
import dev.vireo.tests.support.VireoLab;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/**
 * Issue 7 end to end: the desktop client (headless JavaFX, Monocle) against a real server, a real
 * node agent and libvirt with the test image, driven like a user with TestFX's {@link FxRobot}
 * (mouse clicks on the nodes, typed text, the context menu opened by a right click). The user accepts the server's fingerprint, logs in
 * as admin, creates a VM through the wizard's pages, sees it reach RUNNING in the table by the
 * event stream alone, opens its console (frames arrive through the gateway), stops it from the
 * table's context menu after the confirmation dialog, deletes it after another, and then opens
 * the big-screen mode of the same session, whose figures are the real agent's.
 */
@Tag("e2e")
@Timeout(300)
class DesktopE2eTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration JOB = Duration.ofSeconds(150);
  /** The session's context, handed out by the navigation (the screen catalogue's extension point). */
  private static final AtomicReference<AppContext> SESSION = new AtomicReference<>();
  private static VireoLab lab;
  private static Preferences prefs;
  private static ClientShell shell;
  private static Stage bigScreenStage;
  /** Clicks and types through Glass events, as a user would (never on the FX thread). */
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void up() throws Exception {
    dev.vireo.tests.support.HeadlessFx.start();
    ScreenCatalog.add(ctx -> {
      SESSION.set(ctx);
      return new SessionProbe();
    });
    prefs = Preferences.userRoot().node("dev/vireo/tests/desktop-e2e-" + ProcessHandle.current().pid());
    lab = VireoLab.start("desktop");
  }

  @AfterAll
  static void down() throws Exception {
    try {
      Platform.runLater(() -> {
        // close whatever the test left open: dialogs, console, wizard, big screen, the shell's stage
        for (Window w : List.copyOf(Window.getWindows())) {
          w.hide();
        }
        if (shell != null) {
          shell.close();
        }
      });
    } finally {
      try {
        if (lab != null) {
          lab.close();
        }
      } finally {
        if (prefs != null) {
          prefs.removeNode();
        }
      }
    }
  }

  @Test
  void loginCreateRunConsoleStopDeleteAndTheBigScreen() throws Exception {
    long t0 = System.nanoTime();
    // ---- login: the fingerprint first, then the main window
    shell = fx(() -> ClientShell.start(new Stage(), new StartOptions(lab.serverUrl(), "en", Theme.LIGHT, false,
        "admin"), new ClientPreferences(prefs)));
    String password = lab.adminPassword();
    robot.clickOn(this.<PasswordField>find("#login-password")).write(password);
    assertEquals(password, fx(() -> this.<PasswordField>find("#login-password").getText()), "typed into the field");
    robot.clickOn(this.<Button>find("#login-connect"));
    await("the fingerprint to accept", () -> find("#login-fingerprint-box").isVisible());
    assertEquals(PinnedTrust.normalize(lab.fingerprint()), fx(() -> this.<TextField>find("#login-fingerprint")
        .getText()));
    robot.clickOn(this.<Button>find("#login-accept"));
    await("the main window", () -> shell.mainWindow() != null);

    // ---- the VMs screen, counting its full loads (only the first one is expected)
    VmsScreen vms = fx(() -> shell.mainWindow().screens().stream().filter(VmsScreen.class::isInstance)
        .map(VmsScreen.class::cast).findFirst().orElseThrow());
    AtomicInteger fullLoads = new AtomicInteger();
    fx(() -> {
      vms.model().list().loadingProperty().addListener((o, was, now) -> {
        if (now) {
          fullLoads.incrementAndGet();
        }
      });
      return null;
    });
    robot.clickOn(fx(() -> {
      ListView<Screen> nav = find("#main-nav");
      return nav.lookupAll(".list-cell").stream().filter(c -> c instanceof javafx.scene.control.ListCell<?> cell
          && cell.getItem() == vms).findFirst().orElseThrow(() -> new AssertionError("no VMs entry in the navigation"));
    }));
    await("the VM table", () -> shell.scene().lookup("#vm-table") != null && vms.model().liveProperty().get());

    // ---- the create wizard, driven through its pages
    String name = lab.vmName("desk");
    robot.clickOn(this.<Button>find("#vm-create"));
    await("the wizard", () -> wizard().isPresent());
    CreateVmWizard wizard = fx(() -> wizard().orElseThrow());
    await("the wizard's specs and images", () -> {
      List<ComboBox<?>> combos = combos(wizard);
      return !combos.isEmpty() && !combos.get(0).getItems().isEmpty();
    });
    robot.clickOn(fx(() -> wizard.lookup("#wizard-name"))).write(name);
    assertEquals(name, fx(() -> ((TextField) wizard.lookup("#wizard-name")).getText()));
    // the spec from the combo's drop-down list: open it by a click, click the 1C1G cell
    robot.clickOn(fx(() -> combos(wizard).get(0)));
    robot.clickOn(fx(() -> popupCell("1C1G")));
    assertEquals("1C1G", fx(() -> ((dev.vireo.api.model.Spec) combos(wizard).get(0).getValue()).name()));
    robot.clickOn(fx(() -> button(wizard, shell.text().get("vms.wizard.next"))));
    await("the source page with the lab's image", () -> {
      @SuppressWarnings("unchecked")
      ComboBox<dev.vireo.api.model.Image> image = (ComboBox<dev.vireo.api.model.Image>) combos(wizard).get(0);
      return image.getValue() != null && image.getValue().id().equals(lab.imageId());
    });
    for (int i = 0; i < 4; i++) { // network, security groups, guest, availability: defaults
      robot.clickOn(fx(() -> button(wizard, shell.text().get("vms.wizard.next"))));
    }
    assertTrue(fx(() -> wizard.getCenter().lookupAll(".check-box").stream()
        .anyMatch(c -> ((javafx.scene.control.CheckBox) c).isSelected())), "start after create is on");
    robot.clickOn(fx(() -> wizard.lookup("#wizard-finish")));
    await("the wizard to close", () -> wizard().isEmpty());

    // ---- RUNNING in the table without a reload
    await("the VM RUNNING in the table", JOB, () -> row(name).map(r -> r.vm().state() == VmState.RUNNING)
        .orElse(false));
    String vmId = fx(() -> row(name).orElseThrow().id());
    System.out.printf("desktop e2e: RUNNING in the table %d ms after the start%n", (System.nanoTime() - t0) / 1_000_000);

    // ---- its console, from its action, once the guest has booted (a TCG guest that is still in
    // its firmware on a loaded machine may keep its VNC server from sending a first frame for long)
    lab.awaitGuestReady(vmId, 1, Duration.ofSeconds(150));
    robot.clickOn(fx(() -> tableRow(name)));
    await("the console action enabled", () -> !this.<Button>find("#vm-action-console").isDisable());
    robot.clickOn(this.<Button>find("#vm-action-console"));
    await("the console window", () -> console().isPresent());
    ConsolePane console = fx(() -> console().orElseThrow());
    try {
      await("the console connected with a frame", () -> console.view().frames() > 0
          && !console.statusText().startsWith("connecting") && !console.statusText().startsWith("disconnected")
          && !console.statusText().startsWith("authentication"));
    } catch (AssertionError e) {
      throw new AssertionError("console status \"" + fx(console::statusText) + "\", frames "
          + console.view().frames() + ": " + e.getMessage(), e);
    }
    String status = fx(console::statusText);
    assertTrue(status.matches(".* \\d+×\\d+"), "the desktop's name and size: " + status);
    fx(() -> {
      console.getScene().getWindow().hide();
      return null;
    });

    // ---- stop from the context menu (a right click on the row): a confirmation first
    Node rowNode = fx(() -> tableRow(name));
    robot.rightClickOn(rowNode);
    assertEquals(name, fx(() -> table().getSelectionModel().getSelectedItem().vm().name()), "the right click selects");
    Thread.sleep(500);
    if (!fx(() -> table().getContextMenu().isShowing())) {
      // Monocle's headless Glass turns a secondary click into no menu event (GTK, Windows and macOS
      // Glass do, on the press or release): deliver the one they would, at the click's point
      fx(() -> {
        javafx.geometry.Bounds b = rowNode.localToScreen(rowNode.getBoundsInLocal());
        javafx.geometry.Point2D local = rowNode.screenToLocal(b.getCenterX(), b.getCenterY());
        javafx.event.Event.fireEvent(rowNode, new javafx.scene.input.ContextMenuEvent(
            javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(), b.getCenterX(),
            b.getCenterY(), false, null));
        return null;
      });
    }
    MenuItem stop = fx(() -> table().getContextMenu().getItems().stream()
        .filter(i -> "vm-menu-stop".equals(i.getId())).findFirst().orElseThrow());
    await("the context menu", () -> table().getContextMenu().isShowing());
    assertFalse(fx(stop::isDisable), "stop is offered for a RUNNING VM");
    robot.clickOn(fx(() -> menuEntry(stop)));
    confirm("Stop the VM?");
    await("the VM STOPPED in the table", JOB, () -> row(name).map(r -> r.vm().state() == VmState.STOPPED)
        .orElse(false));

    // ---- delete from the detail pane: another confirmation
    await("delete enabled", () -> !this.<Button>find("#vm-action-delete").isDisable());
    robot.clickOn(this.<Button>find("#vm-action-delete"));
    confirm(null);
    await("the row gone", JOB, () -> row(name).isEmpty());
    assertEquals(1, fullLoads.get(), "the table was loaded once; every change came from the event stream");

    // ---- the big screen of the same session: the real node and its agent's CPU figure
    AppContext ctx = SESSION.get();
    assertTrue(ctx != null, "the session's context");
    var labNode = lab.node().orElseThrow();
    String nodeName = labNode.hostname() == null ? labNode.id() : labNode.hostname();
    BigScreenView big = fx(() -> {
      bigScreenStage = new Stage();
      return BigScreenLauncher.open(ctx, bigScreenStage);
    });
    Parent root = big.node();
    await("the node count 1", () -> "1".equals(text(root, "#nodes-total")));
    await("the node among the top 5 by CPU", () -> {
      String top = texts(root.lookup("#top-nodes-cpu_usage_percent"));
      return top.contains(nodeName) && top.matches("(?s).*\\d+(\\.\\d+)? %.*");
    });
    String top = fx(() -> texts(root.lookup("#top-nodes-cpu_usage_percent")));
    System.out.printf("desktop e2e: big screen top nodes by CPU: %s; total %d ms%n", top,
        (System.nanoTime() - t0) / 1_000_000);
    assertTrue(fx(() -> bigScreenStage.isFullScreen()), "full screen");
  }

  /** Clicks OK on the confirmation dialog that is (about to be) open; checks its header when given. */
  private void confirm(String header) throws Exception {
    await("the confirmation dialog", () -> dialog().isPresent());
    DialogPane pane = fx(() -> dialog().orElseThrow());
    if (header != null) {
      assertEquals(header, fx(pane::getHeaderText));
    }
    robot.clickOn(fx(() -> pane.lookupButton(ButtonType.OK)));
    await("the dialog to close", () -> dialog().isEmpty());
  }

  private static Optional<DialogPane> dialog() {
    return windowRoot(DialogPane.class);
  }

  private static Optional<CreateVmWizard> wizard() {
    return windowRoot(CreateVmWizard.class);
  }

  private static Optional<ConsolePane> console() {
    return windowRoot(ConsolePane.class);
  }

  private static <T> Optional<T> windowRoot(Class<T> type) {
    return Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene)
        .filter(s -> s != null && type.isInstance(s.getRoot())).map(s -> type.cast(s.getRoot())).findFirst();
  }

  /** The combo boxes of the wizard's current page, in order. */
  private static List<ComboBox<?>> combos(CreateVmWizard wizard) {
    return wizard.getCenter().lookupAll(".combo-box").stream().filter(ComboBox.class::isInstance)
        .map(n -> (ComboBox<?>) n).collect(Collectors.toList());
  }

  private static Button button(Parent in, String label) {
    return in.lookupAll(".button").stream().filter(n -> n instanceof Button b && label.equals(b.getText()))
        .map(Button.class::cast).findFirst().orElseThrow(() -> new AssertionError("no button " + label));
  }

  @SuppressWarnings("unchecked")
  private TableView<VmRow> table() {
    return (TableView<VmRow>) find("#vm-table");
  }

  /** The table's row node showing the VM called {@code name} (to click on). */
  private Node tableRow(String name) {
    return table().lookupAll(".table-row-cell").stream().filter(n -> n instanceof javafx.scene.control.TableRow<?> r
        && r.getItem() instanceof VmRow v && name.equals(v.vm().name())).findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + name + " on the screen"));
  }

  /** The cell of an open combo box's drop-down list whose text starts with {@code text}. */
  private static Node popupCell(String text) {
    return Window.getWindows().stream().filter(w -> w instanceof javafx.stage.PopupWindow && w.isShowing())
        .flatMap(w -> w.getScene().getRoot().lookupAll(".list-cell").stream())
        .filter(c -> c instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
            && cell.getText().startsWith(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no drop-down cell " + text));
  }

  /** The node a showing context menu draws for {@code item}. */
  private static Node menuEntry(MenuItem item) {
    return Window.getWindows().stream().filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
        .flatMap(w -> w.getScene().getRoot().lookupAll(".menu-item").stream())
        .filter(n -> n.lookupAll(".label").stream().anyMatch(l -> l instanceof Label label
            && item.getText().equals(label.getText()))).findFirst()
        .orElseThrow(() -> new AssertionError("the context menu shows no " + item.getId()));
  }

  private Optional<VmRow> row(String name) {
    return table().getItems().stream().filter(r -> name.equals(r.vm().name())).findFirst();
  }

  @SuppressWarnings("unchecked")
  private <T extends Node> T find(String selector) {
    Node n = shell.scene().lookup(selector);
    if (n == null) {
      throw new AssertionError("no " + selector + " in the scene");
    }
    return (T) n;
  }

  private static String text(Parent root, String selector) {
    Node n = root.lookup(selector);
    return n instanceof Label l ? l.getText() : null;
  }

  private static String texts(Node n) {
    return n == null ? "" : n.lookupAll(".label").stream().filter(Label.class::isInstance)
        .map(l -> ((Label) l).getText()).collect(Collectors.joining(" | "));
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return dev.vireo.tests.support.HeadlessFx.call(work);
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    await(what, WAIT, check);
  }

  /** Polls {@code check} on the FX thread every 200 ms. */
  private static void await(String what, Duration timeout, Check check) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    while (true) {
      try {
        if (fx(check::ok)) {
          return;
        }
        last = null;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : " (last: " + last + ")")
            + "\n" + lab.logs());
      }
      Thread.sleep(200);
    }
  }

  /** A navigation entry that only records the session's context (the big screen is opened from it). */
  private static final class SessionProbe implements Screen {
    @Override
    public String titleKey() {
      return "bigscreen.windowTitle";
    }

    @Override
    public Node view() {
      return new Label();
    }
  }
}
