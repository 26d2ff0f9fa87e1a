package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.vireo.tests.support.ResourceScreenDriver.await;
import static dev.vireo.tests.support.ResourceScreenDriver.form;
import static dev.vireo.tests.support.ResourceScreenDriver.select;
import static dev.vireo.tests.support.ResourceScreenDriver.shown;
import static dev.vireo.tests.support.ResourceScreenDriver.submit;
import static dev.vireo.tests.support.ResourceScreenDriver.table;
import static dev.vireo.tests.support.ResourceScreenDriver.type;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.disks.DisksScreen;
import dev.vireo.client.disks.DiskRules;
import dev.vireo.client.disks.SnapshotsScreen;
import dev.vireo.client.jobs.JobNotification;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormView;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.secgroups.SecurityGroupsScreen;
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
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop client's resource screens (issue 7) headless (Monocle) against a real server with a
 * fake node, through their dialogs: a disk made in the create dialog (a refused size shown next to
 * its field first) and a security group appear in their tables by the event stream alone; the disk
 * is attached to a VM, snapshotted (the snapshot shows in the Snapshots screen), the snapshot
 * deleted (and one of the VM's system disk, chosen in the same screen), the disk detached and deleted after confirmations; a rule is added to the group and the
 * group deleted. Every table was loaded once; the rest came from events.
 */
@Timeout(240)
class DesktopResourcesTest extends FakeNodeApiTest {
  private final List<String> confirmations = new CopyOnWriteArrayList<>();
  private Background io;
  private ResourceSession session;
  private DisksScreen disks;
  private SnapshotsScreen snapshots;
  private SecurityGroupsScreen groups;
  private dev.vireo.client.accounts.AccountsScreen accounts;
  private VireoClient client;
  private final List<Stage> stages = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startUi() throws Exception {
    HeadlessFx.start();
    client = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token);
    io = new Background(UiExecutor.fx(), 4);
    dev.vireo.client.app.AppContext ctx = new dev.vireo.client.app.AppContext(client, io, UiExecutor.fx(),
        new Messages(Locale.ENGLISH), null);
    HeadlessFx.call(() -> {
      session = new ResourceSession(io, UiExecutor.fx(), ctx.text(), (title, message) -> {
        confirmations.add(title + " | " + message);
        return true;
      }, client::getJob, client::events, Duration.ofSeconds(1), Duration.ofMillis(200));
      disks = show(new DisksScreen(ctx, session));
      snapshots = show(new SnapshotsScreen(ctx, session));
      groups = show(new SecurityGroupsScreen(ctx, session));
      accounts = show(new dev.vireo.client.accounts.AccountsScreen(ctx, session));
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
      for (ResourceScreen<?> s : java.util.Arrays.asList(disks, snapshots, groups, accounts)) {
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

  @SuppressWarnings("unchecked")
  private static void choose(FormView f, String field, String text) {
    ComboBox<Choice> box = (ComboBox<Choice>) f.lookup("#form-" + field);
    box.setValue(box.getItems().stream().filter(c -> c.text().equals(text)).findFirst().orElseThrow());
  }

  private static void fire(ResourceScreen<?> screen, String nodeId) {
    Object n = screen.view().lookup("#" + nodeId);
    if (n instanceof Button b) {
      assertTrue(!b.isDisable(), nodeId + " is enabled");
      b.fire();
    } else {
      throw new AssertionError("no button " + nodeId);
    }
  }

  private boolean notified(String text) {
    return session.jobs().notifications().stream().map(JobNotification::text).anyMatch(text::equals);
  }

  @Test
  void accountsThroughTheirDialogs() throws Exception {
    String role = client.accounts().role("system-readonly").name();
    HeadlessFx.call(() -> {
      fire(accounts, "accounts-create");
      return null;
    });
    await("the account dialog with the roles", () -> form().map(f -> !((ComboBox<?>) f.lookup("#form-roleIds"))
        .getItems().isEmpty()).orElse(false));
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      assertTrue(f.lookup("#form-password") instanceof javafx.scene.control.PasswordField, "the password is hidden");
      type(f, "email", "desk-ops@example.com");
      type(f, "password", "Desk-ops-pass1");
      choose(f, "roleIds", role);
      submit(f);
      return null;
    });
    await("the new account in the table", () -> shown(accounts, "accounts", (dev.vireo.api.model.Account a) ->
        a.login().equals("desk-ops@example.com") && a.mustChangePassword()
        && a.roleIds().equals(List.of("system-readonly"))).isPresent());
    HeadlessFx.call(() -> {
      select(accounts, "accounts", (dev.vireo.api.model.Account a) -> a.login().equals("desk-ops@example.com"));
      fire(accounts, "accounts-action-freeze");
      return null;
    });
    await("the account FROZEN", () -> shown(accounts, "accounts", (dev.vireo.api.model.Account a) ->
        a.login().equals("desk-ops@example.com") && a.state() == dev.vireo.api.model.AccountState.FROZEN).isPresent());
    assertEquals(dev.vireo.api.model.AccountState.FROZEN, client.accounts().get("desk-ops@example.com").state());
    assertTrue(confirmations.stream().anyMatch(c -> c.contains("desk-ops@example.com")), "" + confirmations);
    HeadlessFx.call(() -> {
      select(accounts, "accounts", (dev.vireo.api.model.Account a) -> a.login().equals("desk-ops@example.com"));
      fire(accounts, "accounts-action-unfreeze");
      return null;
    });
    await("the account ACTIVE again", () -> shown(accounts, "accounts", (dev.vireo.api.model.Account a) ->
        a.login().equals("desk-ops@example.com") && a.state() == dev.vireo.api.model.AccountState.ACTIVE).isPresent());
    HeadlessFx.call(() -> {
      select(accounts, "accounts", (dev.vireo.api.model.Account a) -> a.login().equals("admin"));
      assertTrue(((Button) accounts.view().lookup("#accounts-action-delete")).isDisable(), "admin is built in");
      select(accounts, "accounts", (dev.vireo.api.model.Account a) -> a.login().equals("desk-ops@example.com"));
      fire(accounts, "accounts-action-delete");
      return null;
    });
    await("the account gone", () -> shown(accounts, "accounts", (dev.vireo.api.model.Account a) ->
        a.login().equals("desk-ops@example.com")).isEmpty());
  }

  @Test
  void disksSnapshotsAndSecurityGroupsThroughTheirDialogs() throws Exception {
    String vmId = createVm("desk-res-vm", false);

    // create a disk: a size below the minimum is refused next to the size field, then it is made
    HeadlessFx.call(() -> {
      fire(disks, "disks-create");
      return null;
    });
    await("the create dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "name", "desk-data-1");
      type(f, "sizeGiB", "5");
      submit(f);
      return null;
    });
    await("the size refused next to its field", () -> form().map(f -> !((Label) f.lookup("#form-sizeGiB-error"))
        .getText().isEmpty()).orElse(false));
    String why = HeadlessFx.call(() -> ((Label) form().orElseThrow().lookup("#form-sizeGiB-error")).getText());
    assertTrue(why.contains("at least"), why);
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "sizeGiB", "10");
      submit(f);
      return null;
    });
    await("the dialog closed", () -> form().isEmpty());
    await("desk-data-1 AVAILABLE in the table", () -> shown(disks, "disks", (Disk d) -> d.name().equals("desk-data-1")
        && d.state() == DiskState.AVAILABLE).isPresent());
    await("the create notification", () -> notified("Create disk: desk-data-1 done"));

    // attach it to the VM from the context menu's dialog
    HeadlessFx.call(() -> {
      select(disks, "disks", (Disk d) -> d.name().equals("desk-data-1"));
      MenuItem detach = table(disks, "disks").getContextMenu().getItems().stream()
          .filter(i -> "disks-menu-detach".equals(i.getId())).findFirst().orElseThrow();
      assertTrue(detach.isDisable(), "a detached disk offers no detach");
      fire(disks, "disks-action-attach");
      return null;
    });
    await("the VM choices", () -> form().map(f -> !((ComboBox<?>) f.lookup("#form-vm")).getItems().isEmpty())
        .orElse(false));
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      choose(f, "vm", "desk-res-vm");
      submit(f);
      return null;
    });
    await("desk-data-1 ATTACHED to the VM", () -> shown(disks, "disks", (Disk d) -> d.name().equals("desk-data-1")
        && d.state() == DiskState.ATTACHED && vmId.equals(d.vmId())).isPresent());

    // snapshot it; the snapshot shows in the Snapshots screen
    HeadlessFx.call(() -> {
      fire(disks, "disks-action-snapshot");
      return null;
    });
    await("the snapshot dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "name", "before-upgrade");
      submit(f);
      return null;
    });
    await("the snapshot notification", () -> notified("Take snapshot: desk-data-1 done"));
    String diskId = HeadlessFx.call(() -> shown(disks, "disks", (Disk d) -> d.name().equals("desk-data-1"))
        .orElseThrow().id());
    HeadlessFx.call(() -> {
      snapshots.shown();
      return null;
    });
    await("the disk choosable", () -> snapshots.disk().choices().stream().anyMatch(c -> c.value().equals(diskId)));
    HeadlessFx.call(() -> {
      snapshots.disk().valueProperty().set(diskId);
      return null;
    });
    await("the snapshot in the Snapshots screen", () -> shown(snapshots, "snapshots",
        (DiskSnapshot s) -> s.name().equals("before-upgrade")).isPresent());
    HeadlessFx.call(() -> {
      select(snapshots, "snapshots", (DiskSnapshot s) -> s.name().equals("before-upgrade"));
      fire(snapshots, "snapshots-action-delete-snapshot");
      return null;
    });
    await("the snapshot gone", () -> shown(snapshots, "snapshots",
        (DiskSnapshot s) -> s.name().equals("before-upgrade")).isEmpty());

    // the VM's system disk is in the same choice: a snapshot of it taken and deleted there
    String systemDisk = dev.vireo.client.disks.SnapshotTarget.systemDiskOf(vmId).value();
    await("the VM's system disk choosable", () -> snapshots.disk().choices().stream()
        .anyMatch(c -> c.value().equals(systemDisk) && c.text().equals("desk-res-vm (system disk)")));
    HeadlessFx.call(() -> {
      snapshots.disk().valueProperty().set(systemDisk);
      fire(snapshots, "snapshots-snapshot");
      return null;
    });
    await("the system disk's snapshot dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "name", "sys-before-upgrade");
      submit(f);
      return null;
    });
    await("the system disk's snapshot in the Snapshots screen", () -> shown(snapshots, "snapshots",
        (DiskSnapshot s) -> s.name().equals("sys-before-upgrade") && DiskRules.canDeleteSnapshot(s)).isPresent());
    HeadlessFx.call(() -> {
      select(snapshots, "snapshots", (DiskSnapshot s) -> s.name().equals("sys-before-upgrade"));
      fire(snapshots, "snapshots-action-delete-snapshot");
      return null;
    });
    await("the system disk's snapshot gone", () -> shown(snapshots, "snapshots",
        (DiskSnapshot s) -> s.name().equals("sys-before-upgrade")).isEmpty());

    // detach and delete, each after a confirmation
    HeadlessFx.call(() -> {
      select(disks, "disks", (Disk d) -> d.name().equals("desk-data-1"));
      fire(disks, "disks-action-detach");
      return null;
    });
    await("desk-data-1 AVAILABLE again", () -> shown(disks, "disks", (Disk d) -> d.name().equals("desk-data-1")
        && d.state() == DiskState.AVAILABLE).isPresent());
    HeadlessFx.call(() -> {
      select(disks, "disks", (Disk d) -> d.name().equals("desk-data-1"));
      fire(disks, "disks-action-delete");
      return null;
    });
    await("desk-data-1 gone", () -> shown(disks, "disks", (Disk d) -> d.name().equals("desk-data-1")).isEmpty());
    await("the delete notification", () -> notified("Delete disk: desk-data-1 done"));

    // a security group: create, add a rule, delete
    HeadlessFx.call(() -> {
      fire(groups, "secgroups-create");
      return null;
    });
    await("the group dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "name", "desk-web");
      submit(f);
      return null;
    });
    await("desk-web in the table", () -> shown(groups, "secgroups", (SecurityGroup g) -> g.name().equals("desk-web"))
        .isPresent());
    HeadlessFx.call(() -> {
      select(groups, "secgroups", (SecurityGroup g) -> g.name().equals("desk-web"));
      fire(groups, "secgroups-action-add-rule");
      return null;
    });
    await("the rule dialog", () -> form().isPresent());
    HeadlessFx.call(() -> {
      FormView f = form().orElseThrow();
      type(f, "ports", "22");
      submit(f);
      return null;
    });
    await("desk-web with one rule", () -> shown(groups, "secgroups", (SecurityGroup g) -> g.name().equals("desk-web")
        && g.rules().size() == 1).isPresent());
    HeadlessFx.call(() -> {
      select(groups, "secgroups", (SecurityGroup g) -> g.name().equals("desk-web"));
      fire(groups, "secgroups-action-delete");
      return null;
    });
    await("desk-web gone", () -> shown(groups, "secgroups", (SecurityGroup g) -> g.name().equals("desk-web"))
        .isEmpty());

    assertEquals(List.of("Detach? | Detach the disk desk-data-1 from its VM?",
        "Delete disk? | Delete the disk desk-data-1? Its data is lost.",
        "Delete security group? | Delete the security group desk-web?"),
        confirmations.stream().filter(c -> !c.startsWith("Delete snapshot")).toList());
    assertEquals(1, disks.model().list().loads(), "the disk table was loaded once; the rest came from events");
    assertEquals(1, groups.model().list().loads(), "the group table was loaded once");
  }
}
