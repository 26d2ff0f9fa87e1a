package dev.vireo.client.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.EventStream;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.jobs.JobNotification;
import dev.vireo.client.resources.FakeSource.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A resource screen's view-model without the FX toolkit: actions enabled by state, confirmations,
 * jobs followed to a notification with the failure reason, forms whose 4xx shows next to the field
 * it names, and live updates through the shared event stream.
 */
class ResourceScreenModelTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeSource server = new FakeSource();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<String> confirmations = new CopyOnWriteArrayList<>();
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final AtomicReference<EventStream.Listener> stream = new AtomicReference<>();
  private final AtomicReference<FormModel> opened = new AtomicReference<>();
  private boolean confirm = true;
  private ResourceSession session;
  private ResourceScreenModel<Item> model;
  private ResourceAction<Item> delete;
  private ResourceAction<Item> create;

  @BeforeEach
  void make() {
    Messages text = new Messages(Locale.ENGLISH);
    session = new ResourceSession(io, ui, text, (title, message) -> {
      confirmations.add(title + " | " + message);
      return confirm;
    }, jobs::get, l -> {
      stream.set(l);
      return () -> { };
    }, Duration.ofMillis(50), Duration.ofMillis(20));
    session.acquire();
    delete = ResourceAction.run("disks.action.delete", (Item i) -> i.state().equals("AVAILABLE"), (Item i) -> {
      sent.add("delete " + i.id());
      return accepted("job-del", i.id());
    }).confirm("disks.confirm.delete");
    create = ResourceAction.create("disks.action.create", () -> new FormSpec(List.of(
        FormField.text("name", "main.col.name", true), FormField.text("sizeGiB", "main.col.sizeGib", true, "10")),
        v -> {
          if (v.integer("sizeGiB") < 10) {
            throw new ApiException(422, "invalid", "sizeGiB", "must be at least 10 GiB (got " + v.integer("sizeGiB")
                + ")");
          }
          if (v.text("name").equals("taken")) {
            throw new ApiException(409, "conflict", null, "a disk named taken exists");
          }
          sent.add("create " + v.text("name"));
          return accepted("job-new", "d-new");
        }));
    model = new ResourceScreenModel<>(session, server.source(), i -> i.name() + " " + i.state(), Item::name,
        List.of(create, delete));
    model.setFormOpener(opened::set);
    server.with(new Item("d-1", "data-1", "AVAILABLE")).with(new Item("d-2", "data-2", "ATTACHED"));
    model.start();
    ui.until("loaded", () -> model.list().rows().size() == 2 && stream.get() != null);
  }

  @AfterEach
  void close() {
    model.close();
    session.release();
    io.close();
  }

  private static Accepted accepted(String job, String resource) {
    return new Accepted(job, "disk", resource);
  }

  private static Job job(String id, JobState state, String error) {
    return new Job(id, "x", state, "disk", "d", error, List.of(), Instant.now(), Instant.now(), null);
  }

  private void select(String id) {
    model.list().selectedProperty().set(model.list().row(id).orElseThrow());
  }

  private boolean notified(String text) {
    return session.jobs().notifications().stream().map(JobNotification::text).anyMatch(text::equals);
  }

  @Test
  void anActionIsEnabledOnlyInTheStatesTheServerAcceptsIt() {
    assertFalse(model.enabledProperty(delete).get(), "nothing selected");
    assertTrue(model.enabledProperty(create).get(), "create needs no selection");
    select("d-2");
    assertFalse(model.enabledProperty(delete).get(), "an ATTACHED disk is not deleted");
    assertFalse(model.perform(delete));
    select("d-1");
    assertTrue(model.enabledProperty(delete).get());
  }

  @Test
  void aDestructiveActionAsksFirstAndSendsNothingWhenDeclined() {
    select("d-1");
    confirm = false;
    assertFalse(model.perform(delete));
    assertEquals(List.of("Delete disk? | Delete the disk data-1? Its data is lost."), confirmations);
    ui.drain(100);
    assertTrue(sent.isEmpty());
  }

  @Test
  void anAcceptedActionIsFollowedToItsNotificationWithTheFailureReason() {
    select("d-1");
    jobs.put("job-del", job("job-del", JobState.RUNNING, null));
    assertTrue(model.perform(delete));
    ui.until("the job followed", () -> model.selectedJobProperty().get() != null);
    assertEquals("Delete disk: data-1", model.selectedJobProperty().get().label());
    jobs.put("job-del", job("job-del", JobState.FAILED, "the disk is in use by a snapshot copy"));
    stream.get().event(new ServerEvent(5, "job", "job-del", "FAILED", Instant.now()));
    ui.until("the failure notification", () -> notified(
        "Delete disk: data-1 failed: the disk is in use by a snapshot copy"));
    assertEquals(List.of("delete d-1"), sent);
  }

  @Test
  void aFormShowsTheServersComplaintNextToTheFieldItNames() {
    assertTrue(model.perform(create));
    FormModel form = opened.get();
    assertEquals("Create disk", form.title());
    assertFalse(form.submit(), "the name is required");
    assertEquals("is required", form.field("name").errorProperty().get());
    form.field("name").valueProperty().set("d9");
    form.field("sizeGiB").valueProperty().set("5");
    assertTrue(form.submit());
    ui.until("the refusal", () -> !form.busyProperty().get());
    assertEquals("must be at least 10 GiB (got 5)", form.field("sizeGiB").errorProperty().get());
    assertEquals("", form.field("name").errorProperty().get());
    assertFalse(form.doneProperty().get(), "the dialog stays open");

    form.field("sizeGiB").valueProperty().set("ten");
    assertTrue(form.submit());
    ui.until("the refusal", () -> !form.busyProperty().get());
    assertEquals("must be a whole number", form.field("sizeGiB").errorProperty().get());

    form.field("sizeGiB").valueProperty().set("20");
    form.field("name").valueProperty().set("taken");
    assertTrue(form.submit());
    ui.until("the refusal", () -> !form.busyProperty().get());
    assertEquals("a disk named taken exists", form.errorProperty().get(), "a refusal naming no field shows under it");
  }

  @Test
  void anAcceptedCreateClosesTheFormAndTheNewRowArrivesByEvent() {
    jobs.put("job-new", job("job-new", JobState.SUCCEEDED, null));
    model.perform(create);
    FormModel form = opened.get();
    form.field("name").valueProperty().set("fresh");
    assertTrue(form.submit());
    ui.until("accepted", () -> form.doneProperty().get());
    ui.until("the success notification", () -> notified("Create disk: fresh done"));
    server.with(new Item("d-new", "fresh", "AVAILABLE"));
    stream.get().event(new ServerEvent(6, "item", "d-new", "AVAILABLE", Instant.now()));
    ui.until("the new row", () -> model.list().row("d-new").isPresent());
    assertEquals(1, model.list().loads(), "no reload: the row came from the event");
  }

  @Test
  void aReconnectThatCannotReplayReloads() {
    stream.get().connected(false);
    ui.until("live", () -> model.liveProperty().get());
    assertEquals(1, model.list().loads());
    stream.get().disconnected("gone", Duration.ofSeconds(1));
    ui.until("not live", () -> !model.liveProperty().get());
    stream.get().connected(true);
    ui.until("live again", () -> model.liveProperty().get());
    assertEquals(1, model.list().loads(), "a replay brings what was missed");
    stream.get().connected(false);
    ui.drain(50);
    assertEquals(2, model.list().loads());
  }

  @Test
  void aRefusedActionIsNotifiedWithTheReason() {
    ResourceAction<Item> failing = ResourceAction.run("disks.action.detach", (Item i) -> true, (Item i) -> {
      throw new ApiException(409, "conflict", null, "the VM is migrating");
    });
    ResourceScreenModel<Item> m = new ResourceScreenModel<>(session, server.source(), Item::name, Item::name,
        List.of(failing));
    m.list().selectedProperty().set(new ResourceRow<>("d-1", server.items.get("d-1"), "data-1"));
    assertTrue(m.perform(failing));
    ui.until("the failure", () -> session.jobs().notifications().stream().anyMatch(n -> n.failed()
        && n.text().contains("the VM is migrating")));
    assertNull(m.selectedJobProperty().get());
    m.close();
  }
}
