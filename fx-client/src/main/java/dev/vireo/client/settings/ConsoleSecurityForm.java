package dev.vireo.client.settings;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.SecuritySettings;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Console security (white paper 7.1, ADR 0039): lockout after failed logins, password length,
 * character classes and expiry, idle logout and single-session login, read from and saved to
 * {@code /api/v1/settings/security}; the server checks the ranges (422 naming the field).
 */
final class ConsoleSecurityForm {
  private static final Set<String> SWITCHES = Set.of("lockoutEnabled", "forceChangeOnExpiry",
      "forceChangeNonCompliant", "singleSession");

  private ConsoleSecurityForm() {}

  static SettingsForm create(VireoClient c, Background io, Messages text) {
    return new SettingsForm("security", "settings.security", "settings.save", List.of(
        FormField.text("lockoutEnabled", "settings.security.lockoutEnabled", false),
        FormField.text("lockoutThreshold", "settings.security.lockoutThreshold", true),
        FormField.text("lockoutMinutes", "settings.security.lockoutMinutes", true),
        FormField.text("passwordMinLength", "settings.security.passwordMinLength", true),
        FormField.text("passwordMaxLength", "settings.security.passwordMaxLength", true),
        FormField.text("passwordMinCharClasses", "settings.security.passwordMinCharClasses", true),
        FormField.text("passwordExpiryDays", "settings.security.passwordExpiryDays", true),
        FormField.text("forceChangeOnExpiry", "settings.security.forceChangeOnExpiry", false),
        FormField.text("forceChangeNonCompliant", "settings.security.forceChangeNonCompliant", false),
        FormField.text("idleTimeoutMinutes", "settings.security.idleTimeoutMinutes", true),
        FormField.text("singleSession", "settings.security.singleSession", false)), SWITCHES,
        () -> values(c.accounts().securitySettings()),
        v -> new SettingsForm.Saved(values(c.accounts().setSecuritySettings(settings(v))), null), io, text);
  }

  static Map<String, String> values(SecuritySettings s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lockoutEnabled", String.valueOf(s.lockoutEnabled()));
    m.put("lockoutThreshold", String.valueOf(s.lockoutThreshold()));
    m.put("lockoutMinutes", String.valueOf(s.lockoutMinutes()));
    m.put("passwordMinLength", String.valueOf(s.passwordMinLength()));
    m.put("passwordMaxLength", String.valueOf(s.passwordMaxLength()));
    m.put("passwordMinCharClasses", String.valueOf(s.passwordMinCharClasses()));
    m.put("passwordExpiryDays", String.valueOf(s.passwordExpiryDays()));
    m.put("forceChangeOnExpiry", String.valueOf(s.forceChangeOnExpiry()));
    m.put("forceChangeNonCompliant", String.valueOf(s.forceChangeNonCompliant()));
    m.put("idleTimeoutMinutes", String.valueOf(s.idleTimeoutMinutes()));
    m.put("singleSession", String.valueOf(s.singleSession()));
    return m;
  }

  /** The request of the form's values; a field that is no whole number is refused next to it. */
  static SecuritySettings settings(FormValues v) {
    return new SecuritySettings(flag(v, "lockoutEnabled"), v.integer("lockoutThreshold"), v.integer("lockoutMinutes"),
        v.integer("passwordMinLength"), v.integer("passwordMaxLength"), v.integer("passwordMinCharClasses"),
        v.integer("passwordExpiryDays"), flag(v, "forceChangeOnExpiry"), flag(v, "forceChangeNonCompliant"),
        v.integer("idleTimeoutMinutes"), flag(v, "singleSession"));
  }

  static boolean flag(FormValues v, String field) {
    return "true".equals(v.text(field));
  }
}
