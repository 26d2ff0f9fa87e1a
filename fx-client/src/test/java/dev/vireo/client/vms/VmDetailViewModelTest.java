package dev.vireo.client.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.JobState;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The detail pane's view-model: actions per state, confirmation of destructive ones, job follow-up. */
class VmDetailViewModelTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeVmApi api = new FakeVmApi();
  private final List<String> asked = new ArrayList<>();
  private boolean answer = true;
  private final VmsViewModel vms = new VmsViewModel(api, io, ui, new Messages(Locale.ENGLISH), (title, message) -> {
    asked.add(title + " | " + message);
    return answer;
  }, Duration.ofMillis(50), Duration.ofMillis(20));

  @AfterEach
  void close() {
    vms.close();
    io.close();
  }

  private VmDetailViewModel select(VmState state) {
    api.with(FakeVmApi.vm("vm-1", "web-1", state, 1));
    vms.list().load();
    ui.until("loaded", () -> vms.list().row("vm-1").isPresent() && !vms.list().loadingProperty().get());
    vms.list().selectedProperty().set(vms.list().row("vm-1").orElseThrow());
    return vms.detail();
  }

  private Set<VmAction> enabled(VmDetailViewModel d) {
    Set<VmAction> on = EnumSet.noneOf(VmAction.class);
    for (VmAction a : VmAction.values()) {
      if (d.enabledProperty(a).get()) {
        on.add(a);
      }
    }
    return on;
  }

  @Test
  void onlyTheActionsValidForTheStateAreEnabled() {
    VmDetailViewModel d = select(VmState.RUNNING);
    assertEquals(EnumSet.of(VmAction.STOP, VmAction.REBOOT, VmAction.FORCE_STOP, VmAction.SUSPEND, VmAction.MIGRATE,
        VmAction.CONSOLE, VmAction.DELETE), enabled(d));
    assertEquals("web-1", d.nameProperty().get());
    assertEquals("Running", d.stateProperty().get());
    assertEquals("kvm-a", d.nodeProperty().get());
    ui.until("image name", () -> d.imageProperty().get().equals("debian-12"));
    api.with(FakeVmApi.vm("vm-1", "web-1", VmState.STOPPED, 1));
    vms.list().vmChanged("vm-1");
    ui.until("stopped", () -> d.stateProperty().get().equals("Stopped"));
    assertEquals(EnumSet.of(VmAction.START, VmAction.DELETE), enabled(d));
    api.with(FakeVmApi.vm("vm-1", "web-1", VmState.SUSPENDED, 1));
    vms.list().vmChanged("vm-1");
    ui.until("suspended", () -> d.stateProperty().get().equals("Suspended"));
    assertEquals(EnumSet.of(VmAction.RESUME, VmAction.FORCE_STOP, VmAction.DELETE), enabled(d));
    api.with(FakeVmApi.vm("vm-1", "web-1", VmState.DELETING, 1));
    vms.list().vmChanged("vm-1");
    ui.until("deleting", () -> d.stateProperty().get().equals("Deleting"));
    assertEquals(EnumSet.noneOf(VmAction.class), enabled(d));
  }

  @Test
  void destructiveActionsAskFirstAndNothingHappensWhenRefused() {
    VmDetailViewModel d = select(VmState.RUNNING);
    answer = false;
    assertFalse(d.perform(VmAction.STOP));
    assertFalse(d.perform(VmAction.FORCE_STOP));
    assertFalse(d.perform(VmAction.DELETE));
    assertEquals(3, asked.size());
    assertTrue(asked.get(0).startsWith("Stop the VM? | Shut down web-1?"), asked.get(0));
    ui.drain(100);
    assertTrue(api.calls.stream().noneMatch(c -> c.startsWith("stop") || c.startsWith("poweroff")
        || c.startsWith("delete")), api.calls.toString());

    answer = true;
    assertTrue(d.perform(VmAction.STOP));
    ui.until("stop sent", () -> api.calls.contains("stop vm-1"));
    assertEquals(4, asked.size());
  }

  @Test
  void aNonDestructiveActionDoesNotAskAndAnInvalidOneIsRefused() {
    VmDetailViewModel d = select(VmState.RUNNING);
    assertTrue(d.perform(VmAction.REBOOT));
    assertFalse(d.perform(VmAction.START), "not valid while RUNNING");
    ui.until("reboot sent", () -> api.calls.contains("reboot vm-1"));
    assertTrue(asked.isEmpty());
  }

  @Test
  void theActionsJobIsFollowedWithProgressAndANotificationWhenItEnds() {
    VmDetailViewModel d = select(VmState.STOPPED);
    assertTrue(d.perform(VmAction.START));
    ui.until("job tracked", () -> !vms.jobs().active().isEmpty());
    String jobId = vms.jobs().active().get(0).jobId();
    ui.until("the job shows as running", () -> d.lastJobProperty().get().equals("Starting web-1 — running"));
    assertTrue(d.jobRunningProperty().get());
    api.jobs.put(jobId, FakeVmApi.job(jobId, JobState.SUCCEEDED, null, null));
    vms.onEvent(new dev.vireo.api.model.ServerEvent(5, "job", jobId, "SUCCEEDED", java.time.Instant.now()));
    ui.until("notified", () -> !vms.jobs().notifications().isEmpty());
    assertEquals("VM web-1 started", vms.jobs().notifications().get(0).text());
    assertFalse(d.jobRunningProperty().get());
    assertEquals("Starting web-1 — succeeded", d.lastJobProperty().get());
  }

  @Test
  void theConsoleOpensThroughTheOpener() {
    VmDetailViewModel d = select(VmState.RUNNING);
    List<String> opened = new ArrayList<>();
    d.setConsoleOpener((name, c) -> opened.add(name + " " + c.password()));
    assertTrue(d.perform(VmAction.CONSOLE));
    ui.until("opened", () -> !opened.isEmpty());
    assertEquals("web-1 secret", opened.get(0));
  }

  @Test
  void liveUpdatesComeFromTheEventStream() {
    api.with(FakeVmApi.vm("vm-1", "web-1", VmState.STOPPED, 1));
    vms.start();
    ui.until("loaded", () -> vms.list().row("vm-1").isPresent());
    api.listener.connected(false);
    api.with(FakeVmApi.vm("vm-1", "web-1", VmState.STARTING, 1));
    api.listener.event(new dev.vireo.api.model.ServerEvent(9, "vm", "vm-1", "STARTING", java.time.Instant.now()));
    ui.until("starting", () -> vms.list().row("vm-1").orElseThrow().vm().state() == VmState.STARTING);
    assertTrue(vms.liveProperty().get());
    api.listener.disconnected("gone", Duration.ofSeconds(1));
    ui.until("not live", () -> !vms.liveProperty().get());
  }
}
