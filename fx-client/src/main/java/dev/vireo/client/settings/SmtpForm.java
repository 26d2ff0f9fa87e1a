package dev.vireo.client.settings;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.SetSmtpSettingsRequest;
import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.api.model.SmtpSettings;
import dev.vireo.api.model.SmtpTestResult;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormValues;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mail server of e-mail notifications and password recovery (white paper 6.3.1, ADR 0034 and
 * 0045), and its test mail. The password is never read back: a blank password field keeps the
 * stored one, the "remove" switch deletes it. The test mail goes through the saved settings.
 */
final class SmtpForm {
  private SmtpForm() {}

  static SettingsForm create(VireoClient c, Background io, Messages text) {
    return new SettingsForm("smtp", "settings.smtp", "settings.save", List.of(
        FormField.text("host", "settings.smtp.host", true),
        FormField.text("port", "settings.smtp.port", false),
        FormField.fixed("security", "settings.smtp.security", Arrays.stream(SmtpSecurity.values())
            .map(s -> new Choice(s.name(), s.name())).toList()),
        FormField.text("username", "settings.smtp.username", false),
        FormField.secret("password", "settings.smtp.password", false),
        FormField.text("clearPassword", "settings.smtp.clearPassword", false),
        FormField.text("from", "settings.smtp.from", true),
        FormField.text("timeoutSeconds", "settings.smtp.timeoutSeconds", false),
        FormField.text("senderName", "settings.smtp.senderName", false),
        FormField.text("subjectPrefix", "settings.smtp.subjectPrefix", false)), Set.of("clearPassword"),
        () -> values(c.notifications().smtpSettings()),
        v -> new SettingsForm.Saved(values(c.notifications().setSmtpSettings(request(v))), null), io, text);
  }

  /** The test mail to one address, through the saved settings. */
  static SettingsForm testMail(VireoClient c, Background io, Messages text) {
    return new SettingsForm("smtp-test", "settings.smtp.test", "settings.smtp.test.send", List.of(
        FormField.text("to", "settings.smtp.test.to", true)), Set.of(), null, v -> {
          SmtpTestResult r = c.notifications().sendSmtpTestMail(v.text("to"));
          return new SettingsForm.Saved(Map.of(), text.get("settings.smtp.test.sent", r.to(), r.server(), r.subject()));
        }, io, text);
  }

  static Map<String, String> values(SmtpSettings s) {
    Map<String, String> m = new HashMap<>();
    m.put("host", s.host());
    m.put("port", s.host() == null ? "" : String.valueOf(s.port()));
    m.put("security", s.security() == null ? SmtpSecurity.STARTTLS.name() : s.security().name());
    m.put("username", s.username());
    m.put("password", "");
    m.put("clearPassword", "false");
    m.put("from", s.from());
    m.put("timeoutSeconds", s.host() == null ? "" : String.valueOf(s.timeoutSeconds()));
    m.put("senderName", s.senderName());
    m.put("subjectPrefix", s.subjectPrefix());
    return m;
  }

  /** Blank optional fields are left to the server's defaults; a blank password keeps the stored one. */
  static SetSmtpSettingsRequest request(FormValues v) {
    String password = ConsoleSecurityForm.flag(v, "clearPassword") ? "" : v.text("password");
    String prefix = v.values().get("subjectPrefix");
    return new SetSmtpSettingsRequest(v.text("host"), v.integer("port"), SmtpSecurity.valueOf(v.text("security")),
        v.text("username"), password, v.text("from"), v.integer("timeoutSeconds"), v.text("senderName"),
        prefix == null ? null : prefix.strip());
  }
}
