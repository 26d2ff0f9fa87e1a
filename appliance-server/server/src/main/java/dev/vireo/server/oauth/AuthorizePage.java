package dev.vireo.server.oauth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The provider's only page: sign in with a Vireo account and allow a client its scopes. */
final class AuthorizePage {
  /** The authorization request's parameters the form carries back. */
  static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
      "nonce", "code_challenge", "code_challenge_method");

  private AuthorizePage() {}

  static byte[] signIn(String clientName, String scope, Map<String, String> carried, String error) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Vireo sign-in</title><style>body{font-family:sans-serif;max-width:26em;margin:4em auto}"
        + "label,input,button{display:block;width:100%;margin:.4em 0}.error{color:#b00020}</style></head><body>"
        + "<h1>Vireo</h1><p><strong>" + esc(clientName) + "</strong> asks to act as you with the scopes <code>"
        + esc(scope) + "</code>.</p>");
    if (error != null) {
      html.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
    }
    html.append("<form method=\"post\" action=\"/oauth2/authorize\">");
    carried.forEach((k, v) -> {
      if (v != null) {
        html.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"").append(esc(v))
            .append("\">");
      }
    });
    html.append("<label>Username or e-mail<input name=\"username\" autocomplete=\"username\" required></label>"
        + "<label>Password<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
        + "</label><label>Two-factor code (if enabled)<input name=\"totp_code\" autocomplete=\"one-time-code\">"
        + "</label><button name=\"decision\" value=\"allow\">Allow</button>"
        + "<button name=\"decision\" value=\"deny\" formnovalidate>Deny</button></form></body></html>");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] failure(String message) {
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vireo sign-in</title></head>"
        + "<body><h1>Vireo</h1><p role=\"alert\">" + esc(message) + "</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
