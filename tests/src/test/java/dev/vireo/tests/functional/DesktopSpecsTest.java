package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.vireo.tests.support.ResourceScreenDriver.await;
import static dev.vireo.tests.support.ResourceScreenDriver.form;
import static dev.vireo.tests.support.ResourceScreenDriver.select;
import static dev.vireo.tests.support.ResourceScreenDriver.shown;
import static dev.vireo.tests.support.ResourceScreenDriver.table;
import static dev.vireo.tests.support.ResourceScreenDriver.type;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.api.model.Spec;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.resources.FormView;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.specs.DiskSpecsScreen;
import dev.vireo.client.specs.SpecsScreen;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.HeadlessFx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop Specs screens (white paper 6.5) headless (Monocle) against a real server: a VM spec
 * created, modified and deleted through its dialogs (after a confirmation), the default spec's
 * delete disabled, and a storage cluster's disk spec modified, its only action.
 */
@Timeout(240)
class DesktopSpecsTest extends FakeNodeApiTest {
  private final List<String> confirmations = new CopyOnWriteArrayList<>();
  private final List<Stage> stages = new CopyOnWriteArrayList<>();
  private Background io;
  private VireoClient client;
  private SpecsScreen specs;
  private DiskSpecsScreen diskSpecs;

  @BeforeAll
  void startUi() throws Exception {
    HeadlessFx.start();
    client = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token);
    io = new Background(UiExecutor.fx(), 4);
    AppContext ctx = new AppContext(client, io, UiExecutor.fx(), new Messages(Locale.ENGLISH), null);
    HeadlessFx.call(() -> {
      ResourceSession session = new ResourceSession(io, UiExecutor.fx(), ctx.text(), (title, message) -> {
        confirmations.add(title + " | " + message);
        return true;
      }, client::getJob, client::events, Duration.ofSeconds(1), Duration.ofMillis(200));
      specs = show(new SpecsScreen(ctx, session));
      diskSpecs = show(new DiskSpecsScreen(ctx, session));
      return null;
    });
  }

  private <S extends ResourceScreen<?>> S show(S screen) {
    Stage stage = new Stage();
    stage.setScene(new Scene((Parent) screen.view(), 1280, 800));
    stage.show();
    screen.shown();
    stages.add(stage);
    return screen;
  }

  @AfterAll
  void stopUi() throws Exception {
    HeadlessFx.call(() -> {
      stages.forEach(Stage::close);
      for (ResourceScreen<?> s : java.util.Arrays.asList(specs, diskSpecs)) {
        if (s != null) {
          s.close();
        }
      }
      return null;
    });
    if (io != null) {
      io.close();
    }
  }

  private static void fire(ResourceScreen<?> screen, String nodeId) {
    if (screen.view().lookup("#" + nodeId) instanceof Button b) {
      assertTrue(!b.isDisable(), nodeId + " is enabled");
      b.fire();
    } else {
      throw new AssertionError("no button " + nodeId);
    }
  }

  private static Button button(ResourceScreen<?> screen, String nodeId) {
    return (Button) screen.view().lookup("#" + nodeId);
  }

  @Test
  void aVmSpecIsCreatedModifiedAndDeletedAndTheDefaultOneCannotBeDeleted() throws Exception {
    await("the specs listed", () -> shown(specs, "specs", (Spec s) -> s.isDefault()).isPresent());
    HeadlessFx.call(() -> {
      select(specs, "specs", (Spec s) -> s.isDefault());
      assertTrue(button(specs, "specs-action-delete").isDisable(), "the cluster's default spec is not deletable");
      assertTrue(!button(specs, "specs-action-modify").isDisable(), "but it is modifiable");
      fire(specs, "specs-create");
      return null;
    });
    await("the create dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "cpu", "10");
      type(f, "memoryGiB", "20");
      ((Button) f.lookup("#form-submit")).fire();
      return null;
    });
    await("10C20G in the table", () -> shown(specs, "specs", (Spec s) -> s.name().equals("10C20G")).isPresent());
    HeadlessFx.call(() -> {
      select(specs, "specs", (Spec s) -> s.name().equals("10C20G"));
      fire(specs, "specs-action-modify");
      return null;
    });
    await("the modify dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      assertEquals("10", ((TextField) f.lookup("#form-cpu")).getText(), "the form shows the spec's values");
      type(f, "cpu", "12");
      ((Button) f.lookup("#form-submit")).fire();
      return null;
    });
    await("the spec modified to 12C20G", () -> shown(specs, "specs", (Spec s) -> s.name().equals("12C20G")
        && s.cpu() == 12 && s.memoryGiB() == 20).isPresent());
    HeadlessFx.call(() -> {
      select(specs, "specs", (Spec s) -> s.name().equals("12C20G"));
      fire(specs, "specs-action-delete");
      return null;
    });
    await("the spec gone", () -> shown(specs, "specs", (Spec s) -> s.name().equals("12C20G")).isEmpty());
    assertTrue(confirmations.stream().anyMatch(c -> c.contains("12C20G")), "" + confirmations);
    assertTrue(client.listSpecs(null).items().stream().noneMatch(s -> s.name().equals("12C20G")));
  }

  @Test
  void aDiskSpecIsOnlyModified() throws Exception {
    await("the default storage's disk spec", () -> shown(diskSpecs, "disk-specs",
        (DiskSpec d) -> d.storageClusterName().equals("default")).isPresent());
    HeadlessFx.call(() -> {
      assertTrue(diskSpecs.view().lookup("#disk-specs-create") == null, "no create: the platform generates them");
      assertTrue(diskSpecs.view().lookup("#disk-specs-action-delete") == null, "no delete");
      select(diskSpecs, "disk-specs", (DiskSpec d) -> d.storageClusterName().equals("default"));
      fire(diskSpecs, "disk-specs-action-modify-disk");
      return null;
    });
    await("the modify dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "minGiB", "15");
      type(f, "maxGiB", "800");
      ((Button) f.lookup("#form-submit")).fire();
      return null;
    });
    await("the modified range in the table", () -> shown(diskSpecs, "disk-specs", (DiskSpec d) ->
        d.storageClusterName().equals("default") && d.minGiB() == 15 && d.maxGiB() == 800).isPresent());
    assertEquals(15, client.getDiskSpec("default").minGiB());
  }
}
