package dev.vireo.server.notify;

import dev.vireo.api.model.SetSmtpSettingsRequest;
import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.api.model.SmtpTestRequest;
import dev.vireo.api.model.SmtpTestResult;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GET/PUT /api/v1/settings/smtp: the mail server of e-mail notifications; POST …/smtp/test sends a
 * test mail through it (white paper 6.3.1). The password is
 * write-only: answers say {@code passwordSet}; a PUT without one keeps the stored password.
 */
public final class SmtpSettingsRoutes {
  /** A DNS name or an IPv4/IPv6 literal; nothing that could smuggle a port or a path. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]+");
  private final SmtpSettingsStore store;

  public SmtpSettingsRoutes(SmtpSettingsStore store) {
    this.store = store;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/settings/smtp", Access.USER, r -> Response.ok(store.answer()))
        .put("/api/v1/settings/smtp", Access.USER, this::put)
        .post("/api/v1/settings/smtp/test", Access.USER, this::test);
  }

  private Response put(Request r) {
    SetSmtpSettingsRequest req = r.json(SetSmtpSettingsRequest.class);
    store.save(checked(req, store.load().map(SmtpSettingsStore.Smtp::password).orElse(null)));
    return Response.ok(store.answer());
  }

  /**
   * Sends a test mail through the stored server now: 200 when it accepted the mail, 409 when no
   * server is configured, 502 with the server's refusal or the network error otherwise.
   */
  private Response test(Request r) {
    SmtpTestRequest req = r.json(SmtpTestRequest.class);
    String to = ContactRules.email("to", req == null ? null : req.to());
    SmtpSettingsStore.Smtp smtp = store.load().orElseThrow(() -> ApiException.conflict(EmailSender.NOT_CONFIGURED));
    String subject = "Test mail from Vireo";
    Notification n = new Notification(Notification.Kind.TEST, subject,
        "This is a test mail sent from the Vireo platform settings to check the SMTP configuration.", Map.of());
    Attempt a = new EmailSender(() -> java.util.Optional.of(smtp)).send(to, n, java.time.Instant.now());
    if (!a.delivered()) {
      throw new ApiException(502, "smtp_failed", null, "the test mail to " + to + " was not accepted: " + a.error());
    }
    return Response.ok(new SmtpTestResult(to, smtp.host() + ":" + smtp.port(), smtp.subject(subject)));
  }

  static SmtpSettingsStore.Smtp checked(SetSmtpSettingsRequest req, String storedPassword) {
    if (req.host() == null || req.host().isBlank()) {
      throw ApiException.invalid("host", "is required");
    }
    String host = req.host().strip();
    if (!HOST.matcher(host).matches()) {
      throw ApiException.invalid("host", "must be a host name or IP address without port (got '" + host + "')");
    }
    SmtpSecurity security = req.security() == null ? SmtpSecurity.STARTTLS : req.security();
    int port = req.port() != null ? req.port() : switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case SSL -> 465;
    };
    if (port < 1 || port > 65535) {
      throw ApiException.invalid("port", "must be between 1 and 65535 (got " + port + ")");
    }
    int timeout = req.timeoutSeconds() == null ? SmtpSettingsStore.DEFAULT_TIMEOUT_SECONDS : req.timeoutSeconds();
    if (timeout < 1 || timeout > 120) {
      throw ApiException.invalid("timeoutSeconds", "must be between 1 and 120 (got " + timeout + ")");
    }
    String username = req.username() == null || req.username().isBlank() ? null : req.username().strip();
    if (username != null && username.length() > 320) {
      throw ApiException.invalid("username", "must be at most 320 characters");
    }
    if (req.password() != null && req.password().length() > 1024) {
      throw ApiException.invalid("password", "must be at most 1024 characters");
    }
    String password = req.password() == null ? storedPassword : req.password().isEmpty() ? null : req.password();
    String from = ContactRules.email("from", req.from());
    String senderName = req.senderName() == null || req.senderName().isBlank() ? null : req.senderName().strip();
    if (senderName != null && (senderName.length() > 100 || senderName.chars().anyMatch(Character::isISOControl))) {
      throw ApiException.invalid("senderName", "must be at most 100 characters without control characters");
    }
    String prefix = req.subjectPrefix() == null ? SmtpSettingsStore.DEFAULT_SUBJECT_PREFIX : req.subjectPrefix().strip();
    if (prefix.length() > 50 || prefix.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid("subjectPrefix", "must be at most 50 characters without control characters");
    }
    return new SmtpSettingsStore.Smtp(host, port, security, username, password, from, timeout, senderName, prefix);
  }
}
