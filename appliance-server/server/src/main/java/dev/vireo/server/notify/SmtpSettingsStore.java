package dev.vireo.server.notify;

import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.api.model.SmtpSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The SMTP settings, as rows {@code smtp.*} of platform_settings. The password is stored as given
 * (the database is readable by the server's user only) and leaves this class only towards the mail
 * server: {@link Smtp#toString} and {@link #answer} leave it out.
 */
public final class SmtpSettingsStore {
  /** The settings with the password, for sending. */
  public record Smtp(String host, int port, SmtpSecurity security, String username, String password, String from,
      int timeoutSeconds, String senderName, String subjectPrefix) {
    /** Without sender name, and with the default subject prefix. */
    public Smtp(String host, int port, SmtpSecurity security, String username, String password, String from,
        int timeoutSeconds) {
      this(host, port, security, username, password, from, timeoutSeconds, null, DEFAULT_SUBJECT_PREFIX);
    }

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + " " + security + " user=" + username + " from=" + from + "]";
    }

    /** The subject with the prefix (none when the prefix is empty). */
    public String subject(String subject) {
      return subjectPrefix == null || subjectPrefix.isEmpty() ? subject : subjectPrefix + " " + subject;
    }
  }

  public static final String DEFAULT_SUBJECT_PREFIX = "[Vireo]";

  static final int DEFAULT_TIMEOUT_SECONDS = 10;
  private static final String PREFIX = "smtp.";
  private final Jdbi jdbi;

  public SmtpSettingsStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The stored settings; empty until a PUT /api/v1/settings/smtp. */
  public Optional<Smtp> load() {
    Map<String, String> v = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT name, value FROM platform_settings WHERE name LIKE 'smtp.%'")
        .map((rs, c) -> Map.entry(rs.getString(1).substring(PREFIX.length()), rs.getString(2) == null ? ""
            : rs.getString(2)))
        .forEach(e -> v.put(e.getKey(), e.getValue())));
    if (v.getOrDefault("host", "").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Smtp(v.get("host"), Integer.parseInt(v.get("port")), SmtpSecurity.valueOf(v.get("security")),
        blankToNull(v.get("username")), blankToNull(v.get("password")), v.get("from"),
        Integer.parseInt(v.getOrDefault("timeoutSeconds", String.valueOf(DEFAULT_TIMEOUT_SECONDS))),
        blankToNull(v.get("senderName")), v.getOrDefault("subjectPrefix", DEFAULT_SUBJECT_PREFIX)));
  }

  public void save(Smtp s) {
    Map<String, String> v = Map.of("host", s.host(), "port", String.valueOf(s.port()), "security",
        s.security().name(), "username", s.username() == null ? "" : s.username(), "password",
        s.password() == null ? "" : s.password(), "from", s.from(), "timeoutSeconds",
        String.valueOf(s.timeoutSeconds()), "senderName", s.senderName() == null ? "" : s.senderName(),
        "subjectPrefix", s.subjectPrefix() == null ? "" : s.subjectPrefix());
    jdbi.useTransaction(h -> v.forEach((name, value) -> h.createUpdate("MERGE INTO platform_settings t"
        + " USING (VALUES (CAST(:n AS VARCHAR(80)), CAST(:v AS VARCHAR(4000)))) AS s (name, value) ON t.name = s.name"
        + " WHEN MATCHED THEN UPDATE SET t.value = s.value"
        + " WHEN NOT MATCHED THEN INSERT (name, value) VALUES (s.name, s.value)")
        .bind("n", PREFIX + name).bind("v", value).execute()));
  }

  /** What the API answers: everything but the password, and whether one is set. */
  public SmtpSettings answer() {
    return load().map(s -> new SmtpSettings(s.host(), s.port(), s.security(), s.username(), s.password() != null,
        s.from(), s.timeoutSeconds(), s.senderName(), s.subjectPrefix()))
        .orElse(new SmtpSettings(null, 587, SmtpSecurity.STARTTLS, null, false, null, DEFAULT_TIMEOUT_SECONDS, null,
            DEFAULT_SUBJECT_PREFIX));
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
