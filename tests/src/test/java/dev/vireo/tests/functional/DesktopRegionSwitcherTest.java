package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.api.client.VireoClient;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.Screen;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.main.MainWindow;
import dev.vireo.client.resources.ResourceRow;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.secgroups.SecurityGroupsScreen;
import dev.vireo.client.vms.FxDialogService;
import dev.vireo.client.vms.VmRow;
import dev.vireo.client.vms.VmsScreen;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.HeadlessFx;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/**
 * The main window's region switcher (issue 7, ADR 0047) headless against a real server with a VM
 * and a security group in each of two regions: choosing a region in {@code #main-region} (clicked
 * like a user, with TestFX) leaves only that region's rows in the VM table and in the security
 * group table; "All regions" shows every row again. The rows come from one load; the switch itself
 * reads nothing from the server.
 */
@Timeout(180)
class DesktopRegionSwitcherTest extends FakeNodeApiTest {
  private final FxRobot robot = new FxRobot();
  private FakeAgent farNode;
  private Background io;
  private Stage stage;
  private MainWindow window;

  @BeforeAll
  void startUi() throws Exception {
    server.addRegion("region-b", "region-b");
    Api.Reply cluster = api.send("POST", "/api/v1/clusters", token, "{\"name\":\"c-b\"}");
    String clusterB = created(cluster);
    server.moveClusterToRegion(clusterB, "region-b");
    farNode = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.3").cluster("c-b").register();
    created(api.send("POST", "/api/v1/vms", token, Fixtures.vmBody("home-vm", imageId)));
    created(api.send("POST", "/api/v1/vms", token, Fixtures.vmBody("far-vm", imageId)
        .replaceFirst("\\{", "{\"clusterId\":\"" + clusterB + "\",")));
    created(api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"sg-home\"}"));
    created(api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"sg-far\",\"regionId\":\"region-b\"}"));

    HeadlessFx.start();
    Preferences prefs = Preferences.userRoot().node("dev/vireo/tests/desktop-regions");
    prefs.clear(); // no remembered region: the default region first
    VireoClient client = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token);
    io = new Background(UiExecutor.fx(), 4);
    AppContext ctx = new AppContext(client, io, UiExecutor.fx(), new Messages(Locale.ENGLISH),
        new ClientPreferences(prefs));
    window = HeadlessFx.call(() -> {
      ResourceSession session = ResourceSession.of(ctx, new FxDialogService());
      List<Screen> screens = List.of(new VmsScreen(ctx), new SecurityGroupsScreen(ctx, session));
      MainWindow w = new MainWindow(ctx, screens);
      stage = new Stage();
      stage.setScene(new Scene(w, 1280, 800));
      stage.show();
      return w;
    });
  }

  @AfterAll
  void stopUi() throws Exception {
    if (window != null) {
      HeadlessFx.call(() -> {
        stage.close();
        window.close();
        return null;
      });
    }
    if (io != null) {
      io.close();
    }
    if (farNode != null) {
      farNode.close();
    }
  }

  /** Waits until {@code done}, read on the FX thread, holds. */
  private static void await(String what, Supplier<Boolean> done) throws Exception {
    HeadlessFx.await(what, () -> HeadlessFx.call(done::get));
  }

  private <T extends Node> T find(String selector) throws Exception {
    return HeadlessFx.call(() -> HeadlessFx.lookup(stage.getScene(), selector));
  }

  @SuppressWarnings("unchecked")
  private List<String> vmNames() throws Exception {
    return HeadlessFx.call(() -> ((TableView<VmRow>) stage.getScene().lookup("#vm-table")).getItems().stream()
        .map(r -> r.vm().name()).sorted().toList());
  }

  @SuppressWarnings("unchecked")
  private List<String> securityGroupNames() throws Exception {
    return HeadlessFx.call(() -> ((TableView<ResourceRow<dev.vireo.api.model.SecurityGroup>>) stage.getScene()
        .lookup("#secgroups-table")).getItems().stream().map(r -> r.item().name()).sorted().toList());
  }

  /** Opens the switcher and clicks the entry named {@code name}. */
  private void chooseRegion(String name) throws Exception {
    robot.clickOn(this.<ComboBox<?>>find("#main-region"));
    robot.clickOn(HeadlessFx.call(() -> Window.getWindows().stream()
        .filter(w -> w instanceof javafx.stage.PopupWindow && w.isShowing())
        .flatMap(w -> w.getScene().getRoot().lookupAll(".list-cell").stream())
        .filter(c -> c instanceof javafx.scene.control.ListCell<?> cell && name.equals(cell.getText()))
        .findFirst().orElseThrow(() -> new AssertionError("no switcher entry " + name))));
    await("the switcher showing " + name, () -> {
      Object v = ((ComboBox<?>) stage.getScene().lookup("#main-region")).getValue();
      return v instanceof dev.vireo.api.model.Region r && r.name().equals(name);
    });
  }

  @Test
  void theSwitcherLeavesOnlyTheChosenRegionsRows() throws Exception {
    String defaultRegion = get("/api/v1/regions").at("/items/0/name").asText();
    await("the default region chosen", () -> {
      Object v = ((ComboBox<?>) stage.getScene().lookup("#main-region")).getValue();
      return v instanceof dev.vireo.api.model.Region r && r.isDefault();
    });
    await("the VM table loaded", () -> {
      TableView<?> t = (TableView<?>) stage.getScene().lookup("#vm-table");
      return t != null && !t.getItems().isEmpty();
    });
    assertEquals(List.of("home-vm"), vmNames(), "the default region first");

    chooseRegion("region-b");
    assertEquals(List.of("far-vm"), vmNames());
    chooseRegion("All regions");
    assertEquals(List.of("far-vm", "home-vm"), vmNames());
    chooseRegion(defaultRegion);
    assertEquals(List.of("home-vm"), vmNames());

    // the security groups' table follows the same choice
    HeadlessFx.call(() -> {
      ((ListView<?>) stage.getScene().lookup("#main-nav")).getSelectionModel().select(1);
      return null;
    });
    await("the security groups loaded", () -> {
      TableView<?> t = (TableView<?>) stage.getScene().lookup("#secgroups-table");
      return t != null && !t.getItems().isEmpty();
    });
    assertEquals(List.of("sg-home"), securityGroupNames());
    chooseRegion("region-b");
    assertEquals(List.of("sg-far"), securityGroupNames());
    chooseRegion("All regions");
    assertEquals(List.of("sg-far", "sg-home"), securityGroupNames());
  }
}
