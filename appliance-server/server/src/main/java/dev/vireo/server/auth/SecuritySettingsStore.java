package dev.vireo.server.auth;

import dev.vireo.api.model.SecuritySettings;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** The console security settings (white paper 7.1), one row, read on every login from memory. */
public final class SecuritySettingsStore {
  private final Jdbi jdbi;
  private volatile SecuritySettings current;

  public SecuritySettingsStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public SecuritySettings current() {
    return get();
  }

  public SecuritySettings get() {
    SecuritySettings s = current;
    if (s == null) {
      s = jdbi.withHandle(h -> h.createQuery("SELECT settings_json FROM security_settings WHERE id = 1")
          .mapTo(String.class).findOne())
          .map(json -> Json.read(json.getBytes(StandardCharsets.UTF_8), SecuritySettings.class))
          .orElse(SecuritySettings.DEFAULTS);
      current = s;
    }
    return s;
  }

  public SecuritySettings save(SecuritySettings s) {
    checked(s);
    String json = new String(Json.write(s), StandardCharsets.UTF_8);
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM security_settings WHERE id = 1").execute();
      h.createUpdate("INSERT INTO security_settings (id, settings_json, updated_at) VALUES (1, :j, :t)")
          .bind("j", json).bind("t", OffsetDateTime.now(ZoneOffset.UTC)).execute();
    });
    current = s;
    return s;
  }

  /** The white paper's ranges: lockout 15-1440 min, length 6-30, idle 15-1440 min. */
  static void checked(SecuritySettings s) {
    range("lockoutThreshold", s.lockoutThreshold(), 1, 100);
    range("lockoutMinutes", s.lockoutMinutes(), 15, 1440);
    range("passwordMinLength", s.passwordMinLength(), 6, 30);
    range("passwordMaxLength", s.passwordMaxLength(), 6, 30);
    if (s.passwordMaxLength() < s.passwordMinLength()) {
      throw ApiException.invalid("passwordMaxLength", "must be at least passwordMinLength (" + s.passwordMinLength()
          + ")");
    }
    range("passwordMinCharClasses", s.passwordMinCharClasses(), 1, 4);
    range("passwordExpiryDays", s.passwordExpiryDays(), 1, 3650);
    range("idleTimeoutMinutes", s.idleTimeoutMinutes(), 15, 1440);
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw ApiException.invalid(field, "must be between " + min + " and " + max + " (got " + value + ")");
    }
  }
}
