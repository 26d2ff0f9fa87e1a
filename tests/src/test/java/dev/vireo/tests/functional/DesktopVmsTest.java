package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.jobs.JobNotification;
import dev.vireo.client.vms.CreateVmWizardModel;
import dev.vireo.client.vms.VmRow;
import dev.vireo.client.vms.VmsScreen;
import dev.vireo.tests.support.FakeNodeApiTest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop client's VM screen (issue 7) headless (Monocle) against a real server with a fake
 * node: a VM created through the wizard's model reaches RUNNING in the table by the event stream
 * alone (no reload), is stopped from the table's context menu after a confirmation, and deleted
 * from the detail pane's button; the job notifications say so.
 */
@Timeout(180)
class DesktopVmsTest extends FakeNodeApiTest {
  private final List<String> confirmations = new CopyOnWriteArrayList<>();
  private VmsScreen screen;
  private Background io;
  private Stage stage;
  /** How often the table was (re)loaded in full: only once, at the start; the rest comes from events. */
  private final java.util.concurrent.atomic.AtomicInteger fullLoads = new java.util.concurrent.atomic.AtomicInteger();

  @BeforeAll
  void startUi() throws Exception {
    dev.vireo.tests.support.HeadlessFx.start();
    VireoClient client = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token);
    io = new Background(UiExecutor.fx(), 4);
    AppContext ctx = new AppContext(client, io, UiExecutor.fx(), new Messages(Locale.ENGLISH),
        new ClientPreferences(Preferences.userRoot().node("dev/vireo/tests/desktop-vms")));
    screen = onFx(() -> {
      VmsScreen s = new VmsScreen(ctx, (title, message) -> {
        confirmations.add(title + " | " + message);
        return true;
      });
      s.model().list().loadingProperty().addListener((o, was, now) -> {
        if (now) {
          fullLoads.incrementAndGet();
        }
      });
      stage = new Stage();
      stage.setScene(new Scene((javafx.scene.Parent) s.view(), 1280, 800));
      stage.show();
      s.shown();
      return s;
    });
  }

  @AfterAll
  void stopUi() throws Exception {
    if (screen != null) {
      onFx(() -> {
        stage.close();
        screen.close();
        return null;
      });
    }
    if (io != null) {
      io.close();
    }
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        f.complete(work.call());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(30, TimeUnit.SECONDS);
  }

  private static void await(String what, Supplier<Boolean> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!onFx(done::get)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @SuppressWarnings("unchecked")
  private TableView<VmRow> table() {
    return (TableView<VmRow>) stage.getScene().lookup("#vm-table");
  }

  /** The VM's row as the table shows it. */
  private Optional<VmRow> shown(String name) {
    return table().getItems().stream().filter(r -> name.equals(r.vm().name())).findFirst();
  }

  private boolean notified(String text) {
    return screen.model().jobs().notifications().stream().map(JobNotification::text).anyMatch(text::equals);
  }

  @Test
  void createWatchRunningStopFromTheContextMenuAndDelete() throws Exception {
    CreateVmWizardModel wizard = onFx(() -> {
      CreateVmWizardModel w = screen.model().newWizard();
      w.load();
      return w;
    });
    await("the wizard's choices", () -> !wizard.specs().isEmpty() && !wizard.images().isEmpty());
    boolean submitted = onFx(() -> {
      wizard.nameProperty().set("desk-1");
      wizard.specProperty().set(wizard.specs().stream().filter(s -> s.name().equals("1C2G")).findFirst()
          .orElseThrow());
      wizard.imageProperty().set(wizard.images().stream().filter(i -> i.id().equals(imageId)).findFirst()
          .orElseThrow());
      wizard.systemDiskGiBProperty().set(1);
      wizard.passwordProperty().set("correct horse");
      wizard.passwordRepeatProperty().set("correct horse");
      return wizard.finish(accepted -> { });
    });
    assertTrue(submitted, "the wizard's fields are valid");
    await("desk-1 RUNNING in the table", () -> shown("desk-1").map(r -> r.vm().state() == VmState.RUNNING)
        .orElse(false));
    await("the create notification", () -> notified("VM desk-1 created"));

    // stop it from the table's context menu: it asks first
    onFx(() -> {
      table().getSelectionModel().select(shown("desk-1").orElseThrow());
      MenuItem stop = table().getContextMenu().getItems().stream()
          .filter(i -> "vm-menu-stop".equals(i.getId())).findFirst().orElseThrow();
      MenuItem start = table().getContextMenu().getItems().stream()
          .filter(i -> "vm-menu-start".equals(i.getId())).findFirst().orElseThrow();
      assertTrue(start.isDisable(), "start is not offered for a RUNNING VM");
      assertTrue(!stop.isDisable(), "stop is offered for a RUNNING VM");
      stop.fire();
      return null;
    });
    assertEquals(1, confirmations.size());
    assertTrue(confirmations.get(0).startsWith("Stop the VM? | Shut down desk-1?"), confirmations.get(0));
    await("desk-1 STOPPED in the table", () -> shown("desk-1").map(r -> r.vm().state() == VmState.STOPPED)
        .orElse(false));
    await("the stop notification", () -> notified("VM desk-1 stopped"));

    // delete it from the detail pane
    onFx(() -> {
      Button delete = (Button) stage.getScene().lookup("#vm-action-delete");
      assertTrue(!delete.isDisable(), "delete is offered for a STOPPED VM");
      delete.fire();
      return null;
    });
    assertEquals(2, confirmations.size());
    await("desk-1 gone from the table", () -> shown("desk-1").isEmpty());
    await("the delete notification", () -> notified("VM desk-1 deleted"));
    assertEquals(0, (int) onFx(() -> (int) screen.model().jobs().active().size()));
    assertEquals(1, fullLoads.get(), "the table was loaded once; every change came from the event stream");
  }
}
