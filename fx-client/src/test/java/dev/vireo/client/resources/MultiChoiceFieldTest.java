package dev.vireo.client.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A multi-choice form field ({@link FormField#multi}) without the FX toolkit: what starts chosen,
 * choosing and dropping in the options' order, loading its options chooses nothing by itself, a
 * required one with nothing chosen is refused, and the values reach the request as words.
 */
class MultiChoiceFieldTest {
  private static final List<Choice> OPTIONS = List.of(new Choice("vm:read", "vm:read"),
      new Choice("vm:create", "vm:create"), new Choice("disk:read", "disk:read"));

  @Test
  void startsWithTheInitialValuesAndKeepsTheOptionsOrder() {
    FormField f = FormField.multi("permissions", "roles.field.permissions", true, () -> OPTIONS,
        List.of("disk:read"));
    assertTrue(f.multi());
    assertEquals(List.of("disk:read"), f.chosen());
    f.choices().setAll(OPTIONS);
    f.choose("vm:read", true);
    assertEquals(List.of("vm:read", "disk:read"), f.chosen(), "in the options' order");
    f.choose("disk:read", false);
    f.choose("vm:create", true);
    f.choose("vm:create", true);
    assertEquals("vm:read,vm:create", f.valueProperty().get());
  }

  @Test
  void loadingTheOptionsChoosesNothingAndARequiredEmptyChoiceIsRefused() {
    QueueUi ui = new QueueUi();
    try (Background io = new Background(ui, 1)) {
      FormField f = FormField.multi("permissions", "roles.field.permissions", true, () -> OPTIONS, List.of());
      AtomicReference<List<String>> sent = new AtomicReference<>();
      FormModel form = new FormModel("New role", List.of(f), v -> {
        sent.set(v.words("permissions"));
        return new Accepted(null, "role", "r1");
      }, (v, a) -> { }, io, new Messages(Locale.ENGLISH));
      form.load();
      ui.until("the options", () -> f.choices().size() == 3);
      assertEquals(List.of(), f.chosen(), "a multi-choice is not filled with its first option");
      assertFalse(form.submit());
      assertEquals("is required", f.errorProperty().get());
      f.choose("vm:create", true);
      f.choose("vm:read", true);
      assertTrue(form.submit());
      ui.until("accepted", () -> form.doneProperty().get());
      assertEquals(List.of("vm:read", "vm:create"), sent.get());
    }
  }

  @Test
  void wordsSplitATextAtCommasSpacesAndLineBreaks() {
    FormValues v = new FormValues(Map.of("uris", " https://a.example/cb, http://127.0.0.1:8765/cb\nhttps://b.example ",
        "blank", "  "));
    assertEquals(List.of("https://a.example/cb", "http://127.0.0.1:8765/cb", "https://b.example"), v.words("uris"));
    assertEquals(List.of(), v.words("blank"));
    assertEquals(List.of(), v.words("missing"));
  }
}
