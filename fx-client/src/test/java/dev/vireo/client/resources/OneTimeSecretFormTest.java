package dev.vireo.client.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.Accepted;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.FakeSource.Item;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create form whose answer holds a secret shown once (ADR 0051), without the FX toolkit: the
 * secret reaches the view only after the server accepted and the form is done, with the form's
 * title; a refused form reveals nothing; an answer without a secret (a public OAuth client) opens
 * no secret dialog; the secret never shows in the record's text.
 */
class OneTimeSecretFormTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeSource server = new FakeSource();
  private final AtomicReference<FormModel> opened = new AtomicReference<>();
  private final AtomicReference<String> shownTitle = new AtomicReference<>();
  private final AtomicReference<OneTimeSecret> shown = new AtomicReference<>();
  private final AtomicReference<Boolean> formDoneWhenShown = new AtomicReference<>();
  private ResourceSession session;
  private ResourceScreenModel<Item> model;
  private ResourceAction<Item> create;

  @BeforeEach
  void make() {
    session = new ResourceSession(io, ui, new Messages(Locale.ENGLISH), (t, m) -> true, id -> null,
        l -> () -> { }, Duration.ofMillis(50), Duration.ofMillis(20));
    session.acquire();
    create = ResourceAction.create("disks.action.create", () -> FormSpec.revealing(List.of(
        FormField.text("name", "main.col.name", true)), v -> {
          if (v.text("name").equals("taken")) {
            throw new ApiException(409, "conflict", null, "taken exists");
          }
          String secret = v.text("name").equals("public") ? null : "s3cr3t-" + v.text("name");
          return new OneTimeSecret(new Accepted(null, "key", "k-" + v.text("name")), "main.col.name",
              "k-" + v.text("name"), secret);
        }));
    model = new ResourceScreenModel<>(session, server.source(), Item::name, Item::name, List.of(create));
    model.setFormOpener(opened::set);
    model.setSecretOpener((title, s) -> {
      shownTitle.set(title);
      shown.set(s);
      formDoneWhenShown.set(opened.get().doneProperty().get());
    });
    model.start();
    ui.until("loaded", () -> !model.list().loadingProperty().get());
  }

  @AfterEach
  void close() {
    model.close();
    session.release();
    io.close();
  }

  private FormModel submitted(String name) {
    assertTrue(model.perform(create));
    FormModel form = opened.get();
    form.field("name").valueProperty().set(name);
    assertTrue(form.submit());
    ui.until("answered", () -> !form.busyProperty().get());
    ui.drain(50);
    return form;
  }

  @Test
  void theSecretIsShownOnceAfterTheServerAcceptedAndTheFormIsDone() {
    FormModel form = submitted("ci");
    assertTrue(form.doneProperty().get());
    assertEquals("s3cr3t-ci", shown.get().secret());
    assertEquals("k-ci", shown.get().id());
    assertEquals("Create disk", shownTitle.get());
    assertTrue(formDoneWhenShown.get(), "the form had closed before the secret showed");
    assertFalse(shown.get().toString().contains("s3cr3t"), "the secret stays out of its text: " + shown.get());
  }

  @Test
  void aRefusedFormRevealsNothingAndStaysOpen() {
    FormModel form = submitted("taken");
    assertEquals("taken exists", form.errorProperty().get());
    assertFalse(form.doneProperty().get());
    assertNull(shown.get());
  }

  @Test
  void anAnswerWithoutASecretOpensNoSecretDialog() {
    FormModel form = submitted("public");
    assertTrue(form.doneProperty().get());
    assertNull(shown.get());
  }
}
