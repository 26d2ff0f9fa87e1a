package dev.vireo.client.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.HaMode;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.vms.CreateVmWizardModel.Field;
import dev.vireo.client.vms.CreateVmWizardModel.Source;
import dev.vireo.client.vms.CreateVmWizardModel.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The create wizard's rules: messages per field, steps, and the requests of a batch. */
class CreateVmWizardModelTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeVmApi api = new FakeVmApi();
  private final VmsViewModel vms = new VmsViewModel(api, io, ui, new Messages(Locale.ENGLISH), (t, m) -> true,
      Duration.ofMillis(50), Duration.ofMillis(20));
  private final CreateVmWizardModel wizard = vms.newWizard();

  @AfterEach
  void close() {
    vms.close();
    io.close();
  }

  private void loaded() {
    wizard.load();
    ui.until("choices", () -> wizard.specProperty().get() != null && wizard.imageProperty().get() != null);
  }

  @Test
  void eachInvalidFieldGetsItsMessageAndBlocksItsStep() {
    loaded();
    assertEquals("1C2G", wizard.specProperty().get().name(), "the default spec is preselected");
    assertFalse(wizard.next());
    assertEquals("Required", wizard.errors().get(Field.NAME));
    wizard.nameProperty().set("-bad");
    assertFalse(wizard.next());
    assertTrue(wizard.errors().get(Field.NAME).startsWith("1-60 letters"));
    wizard.nameProperty().set("web");
    assertTrue(wizard.next());
    assertEquals(Step.SOURCE, wizard.stepProperty().get());
    assertNull(wizard.errors().get(Field.NAME));

    wizard.sourceProperty().set(Source.DISK);
    assertFalse(wizard.next());
    assertEquals("Choose one", wizard.errors().get(Field.DISK));
    wizard.sourceProperty().set(Source.IMAGE);
    wizard.systemDiskGiBProperty().set(0);
    assertFalse(wizard.next());
    assertTrue(wizard.errors().containsKey(Field.SYSTEM_DISK));
    wizard.systemDiskGiBProperty().set(null);
    assertTrue(wizard.next());

    wizard.stepProperty().set(Step.GUEST);
    wizard.hostnameProperty().set("-x");
    wizard.passwordProperty().set("short");
    assertFalse(wizard.next());
    assertTrue(wizard.errors().containsKey(Field.HOSTNAME));
    assertEquals("8-72 characters, no control characters", wizard.errors().get(Field.PASSWORD));
    wizard.hostnameProperty().set("web-host");
    wizard.passwordProperty().set("long enough");
    wizard.passwordRepeatProperty().set("different!");
    assertFalse(wizard.next());
    assertEquals("The passwords differ", wizard.errors().get(Field.PASSWORD));
    wizard.passwordRepeatProperty().set("long enough");
    assertTrue(wizard.next());

    wizard.countProperty().set(51);
    assertFalse(wizard.validate(Step.AVAILABILITY));
    assertEquals("From 1 to 50", wizard.errors().get(Field.COUNT));
  }

  @Test
  void finishWithAnInvalidFieldGoesToItsStep() {
    loaded();
    wizard.stepProperty().set(Step.AVAILABILITY);
    assertFalse(wizard.finish(a -> { }));
    assertEquals(Step.SPEC, wizard.stepProperty().get());
    assertTrue(api.created.isEmpty());
  }

  @Test
  void aBatchCreatesCountVmsAndFollowsTheirJobs() {
    loaded();
    wizard.nameProperty().set("web");
    wizard.hostnameProperty().set("web");
    wizard.haModeProperty().set(HaMode.NEVER_STOP);
    wizard.countProperty().set(3);
    List<Object> done = new ArrayList<>();
    assertTrue(wizard.finish(done::addAll));
    ui.until("created", () -> done.size() == 3);
    assertEquals(List.of("web-1", "web-2", "web-3"), api.created.stream().map(r -> r.name()).toList());
    assertEquals("web-2", api.created.get(1).hostname());
    assertEquals(HaMode.NEVER_STOP, api.created.get(0).haMode());
    assertEquals("img-1", api.created.get(0).image());
    assertEquals("spec-1", api.created.get(0).spec());
    assertEquals(3, vms.jobs().active().size());
    assertEquals("Creating web-1", vms.jobs().active().get(0).label());
  }
}
