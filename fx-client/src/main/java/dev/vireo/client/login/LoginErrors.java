package dev.vireo.client.login;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.FingerprintMismatchException;
import dev.vireo.api.client.ServerUnreachableException;
import dev.vireo.client.app.Messages;

/** One sentence for the user about why a connect or login failed: never a stack trace. */
public final class LoginErrors {
  private LoginErrors() {}

  public static String describe(Throwable e, String server, Messages text) {
    if (e instanceof FingerprintMismatchException m) {
      return text.get("login.error.mismatch", server, m.presented(), m.pinned());
    }
    if (e instanceof ServerUnreachableException) {
      return text.get("login.error.unreachable", server, reason(e.getMessage()));
    }
    if (e instanceof ApiException api) {
      return switch (api.status()) {
        case 401 -> text.get("login.error.credentials");
        case 403 -> text.get("login.error.forbidden", api.detail());
        case 429 -> text.get("login.error.tooMany", api.detail());
        default -> text.get("login.error.server", api.status(), api.detail());
      };
    }
    if (e instanceof IllegalArgumentException) {
      return text.get("login.error.url", server);
    }
    return text.get("login.error.other", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** The SDK's "cannot reach https://h:p: connection refused" without the part the sentence already says. */
  static String reason(String message) {
    if (message == null) {
      return "";
    }
    int at = message.indexOf(": ");
    return message.startsWith("cannot reach ") && at > 0 ? message.substring(at + 2) : message;
  }
}
