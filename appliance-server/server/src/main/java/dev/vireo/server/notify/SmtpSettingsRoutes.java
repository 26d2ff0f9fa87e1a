package dev.vireo.server.notify;

import dev.vireo.api.model.SetSmtpSettingsRequest;
import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.util.regex.Pattern;

/**
 * GET/PUT /api/v1/settings/smtp: the mail server of e-mail notifications. The password is
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
        .put("/api/v1/settings/smtp", Access.USER, this::put);
  }

  private Response put(Request r) {
    SetSmtpSettingsRequest req = r.json(SetSmtpSettingsRequest.class);
    store.save(checked(req, store.load().map(SmtpSettingsStore.Smtp::password).orElse(null)));
    return Response.ok(store.answer());
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
    return new SmtpSettingsStore.Smtp(host, port, security, username, password, from, timeout);
  }
}
