package dev.vireo.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.SecuritySettings;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.main.Await;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormValues;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsFormTest {
  private final Background io = new Background(UiExecutor.direct(), 2);
  private final Messages text = new Messages(Locale.ENGLISH);
  private final List<FormValues> sent = new CopyOnWriteArrayList<>();
  private volatile RuntimeException refusal;
  private volatile Map<String, String> stored = Map.of("threshold", "5", "locked", "true");

  @AfterEach
  void close() {
    io.close();
  }

  private SettingsForm form() {
    return new SettingsForm("t", "settings.security", "settings.save", List.of(
        FormField.text("threshold", "settings.security.lockoutThreshold", true),
        FormField.text("locked", "settings.security.lockoutEnabled", false)), Set.of("locked"), () -> stored, v -> {
          sent.add(v);
          if (refusal != null) {
            throw refusal;
          }
          v.integer("threshold");
          stored = Map.of("threshold", v.text("threshold"), "locked", v.text("locked"));
          return new SettingsForm.Saved(stored, null);
        }, io, text);
  }

  @Test
  void loadsTheServersValuesIntoTheFields() {
    SettingsForm f = form();
    f.load();
    Await.until(() -> f.loadedProperty().get(), "the values");
    assertEquals("5", f.field("threshold").valueProperty().get());
    assertTrue(f.isSwitch(f.field("locked")));
    assertFalse(f.isSwitch(f.field("threshold")));
  }

  @Test
  void aSaveSendsTheValuesAndSaysSo() {
    SettingsForm f = form();
    f.field("threshold").valueProperty().set("7");
    f.field("locked").valueProperty().set("false");
    assertTrue(f.save());
    Await.until(() -> !f.noticeProperty().get().isEmpty(), "the notice");
    assertEquals("Saved.", f.noticeProperty().get());
    assertEquals("7", sent.get(0).text("threshold"));
    assertEquals(Map.of("threshold", "7", "locked", "false"), stored);
  }

  @Test
  void theServersRefusalShowsNextToTheFieldItNamesAndTheTypedValueStays() {
    SettingsForm f = form();
    refusal = new ApiException(422, "invalid", "threshold", "must be between 1 and 100 (got 0)");
    f.field("threshold").valueProperty().set("0");
    f.save();
    Await.until(() -> !f.field("threshold").errorProperty().get().isEmpty(), "the field's error");
    assertEquals("must be between 1 and 100 (got 0)", f.field("threshold").errorProperty().get());
    assertEquals("0", f.field("threshold").valueProperty().get());
    assertEquals("", f.noticeProperty().get());
    assertFalse(f.busyProperty().get());
  }

  @Test
  void aRefusalNamingNoFieldShowsUnderTheForm() {
    SettingsForm f = form();
    refusal = new ApiException(409, "conflict", null, "SMTP is not configured");
    f.field("threshold").valueProperty().set("3");
    f.save();
    Await.until(() -> !f.errorProperty().get().isEmpty(), "the form's error");
    assertEquals("SMTP is not configured", f.errorProperty().get());
  }

  @Test
  void aBlankRequiredFieldOrTextThatIsNoNumberIsRefusedNextToIt() {
    SettingsForm f = form();
    assertFalse(f.save(), "blank required field");
    assertEquals(text.get("resources.form.required"), f.field("threshold").errorProperty().get());
    assertTrue(sent.isEmpty(), "nothing sent");
    f.field("threshold").valueProperty().set("five");
    f.save();
    Await.until(() -> !f.field("threshold").errorProperty().get().isEmpty() && !f.busyProperty().get(),
        "the number refused");
    assertEquals(text.get("resources.form.not-a-number"), f.field("threshold").errorProperty().get());
    assertEquals("5", stored.get("threshold"), "nothing changed");
  }

  @Test
  void theSecurityFormMapsTheSettingsBothWays() {
    SecuritySettings s = new SecuritySettings(true, 6, 45, 10, 28, 3, 60, false, true, 20, true);
    Map<String, String> values = ConsoleSecurityForm.values(s);
    assertEquals("6", values.get("lockoutThreshold"));
    assertEquals("true", values.get("singleSession"));
    assertEquals(s, ConsoleSecurityForm.settings(new FormValues(values)));
  }

  @Test
  void aBlankSmtpPasswordKeepsTheStoredOneAndTheSwitchRemovesIt() {
    Map<String, String> v = new java.util.HashMap<>(Map.of("host", "mail.example.com", "security", "NONE",
        "from", "v@example.com", "password", "", "clearPassword", "false", "subjectPrefix", ""));
    assertEquals(null, SmtpForm.request(new FormValues(v)).password());
    assertEquals("", SmtpForm.request(new FormValues(v)).subjectPrefix(), "a blank prefix: none");
    assertEquals(null, SmtpForm.request(new FormValues(v)).port(), "a blank port: the default of the security");
    v.put("clearPassword", "true");
    assertEquals("", SmtpForm.request(new FormValues(v)).password());
    v.put("clearPassword", "false");
    v.put("password", "s3cret");
    assertEquals("s3cret", SmtpForm.request(new FormValues(v)).password());
  }
}
