package dev.vireo.server.oauth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scopes the provider grants (ADR 0043): {@code openid} (an ID token and userinfo),
 * {@code email}, {@code vireo.read} (the REST API's GETs) and {@code vireo.write} (every other
 * method). Within them a token has exactly the rights of its account.
 */
final class Scopes {
  static final String OPENID = "openid";
  static final String READ = "vireo.read";
  static final String WRITE = "vireo.write";
  static final List<String> SUPPORTED = List.of(OPENID, "email", READ, WRITE);

  private Scopes() {}

  /** The space-separated {@code scope} parameter as a set; unknown scopes are refused. */
  static Set<String> parse(String scope) {
    Set<String> out = new LinkedHashSet<>();
    if (scope == null || scope.isBlank()) {
      return out;
    }
    for (String s : scope.strip().split(" +")) {
      if (!SUPPORTED.contains(s)) {
        throw new OAuthException(400, "invalid_scope", "scope '" + s + "' is unknown; supported: "
            + String.join(" ", SUPPORTED));
      }
      out.add(s);
    }
    return out;
  }

  /** What a request may get: the requested scopes if the client may have them, else all the client's. */
  static Set<String> granted(String requested, List<String> allowed) {
    Set<String> asked = parse(requested);
    if (asked.isEmpty()) {
      return new LinkedHashSet<>(allowed);
    }
    for (String s : asked) {
      if (!allowed.contains(s)) {
        throw new OAuthException(400, "invalid_scope", "the client is not allowed scope '" + s + "'");
      }
    }
    return asked;
  }

  static String join(Set<String> scopes) {
    return String.join(" ", scopes);
  }
}
