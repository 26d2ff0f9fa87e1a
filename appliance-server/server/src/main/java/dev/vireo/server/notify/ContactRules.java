package dev.vireo.server.notify;

import dev.vireo.api.model.CreateNotificationContactRequest;
import dev.vireo.api.model.NotificationContactKind;
import dev.vireo.api.model.WebhookMethod;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.inventory.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks of a contact and of the addresses notifications use; each refusal names the field and the rule. */
final class ContactRules {
  /** local@domain, no spaces, no angle brackets: what one SMTP RCPT TO takes without quoting. */
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
      + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  static final int MAX_URL = 2048;

  /** A contact as it is stored: the fields of its kind, the others null. */
  record Checked(String name, NotificationContactKind kind, String email, String url, WebhookMethod method) {}

  private ContactRules() {}

  static Checked check(CreateNotificationContactRequest req) {
    String name = Names.require("name", req.name());
    if (req.kind() == null) {
      throw ApiException.invalid("kind", "is required (EMAIL or WEBHOOK)");
    }
    if (req.kind() == NotificationContactKind.EMAIL) {
      if (req.url() != null || req.method() != null) {
        throw ApiException.invalid(req.url() != null ? "url" : "method", "is only for WEBHOOK contacts");
      }
      return new Checked(name, req.kind(), email("email", req.email()), null, null);
    }
    if (req.email() != null) {
      throw ApiException.invalid("email", "is only for EMAIL contacts");
    }
    return new Checked(name, req.kind(), null, url("url", req.url()),
        req.method() == null ? WebhookMethod.POST : req.method());
  }

  static String email(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid(field, "is required");
    }
    String v = value.strip();
    if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
      throw ApiException.invalid(field, "must be an e-mail address such as ops@example.com (got '" + shorten(v) + "')");
    }
    return v;
  }

  static String url(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid(field, "is required");
    }
    String v = value.strip();
    if (v.length() > MAX_URL) {
      throw ApiException.invalid(field, "must be at most " + MAX_URL + " characters");
    }
    try {
      URI u = new URI(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw ApiException.invalid(field, "must be an http:// or https:// URL (got '" + shorten(v) + "')");
      }
      if (u.getHost() == null || u.getHost().isBlank()) {
        throw ApiException.invalid(field, "must name a host (got '" + shorten(v) + "')");
      }
      if (u.getRawFragment() != null) {
        throw ApiException.invalid(field, "must not have a #fragment");
      }
      return v;
    } catch (URISyntaxException e) {
      throw ApiException.invalid(field, "is not a valid URL: " + e.getReason());
    }
  }

  private static String shorten(String v) {
    return v.length() <= 80 ? v : v.substring(0, 80) + "...";
  }
}
