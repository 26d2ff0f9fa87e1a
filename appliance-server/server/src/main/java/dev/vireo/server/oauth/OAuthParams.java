package dev.vireo.server.oauth;

import dev.vireo.server.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of an OAuth request: the query of a GET, the urlencoded form of a POST. A
 * parameter sent twice is refused (RFC 6749 3.1, 3.2).
 */
final class OAuthParams {
  private final Map<String, String> values;

  private OAuthParams(Map<String, String> values) {
    this.values = values;
  }

  static OAuthParams of(Request r) {
    Map<String, String> out = new HashMap<>();
    if (r.exchange().getRequestMethod().toString().equals("GET")) {
      for (Map.Entry<String, Deque<String>> e : r.exchange().getQueryParameters().entrySet()) {
        if (e.getValue().size() > 1) {
          throw OAuthException.invalidRequest("parameter " + e.getKey() + " is given more than once");
        }
        out.put(e.getKey(), e.getValue().getFirst());
      }
      return new OAuthParams(out);
    }
    if (r.body().length == 0) {
      return new OAuthParams(out);
    }
    String type = r.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw OAuthException.invalidRequest("the body must be application/x-www-form-urlencoded");
    }
    for (String pair : new String(r.body(), StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (out.put(name, value) != null) {
          throw OAuthException.invalidRequest("parameter " + name + " is given more than once");
        }
      } catch (IllegalArgumentException e) {
        throw OAuthException.invalidRequest("the form is not validly urlencoded");
      }
    }
    return new OAuthParams(out);
  }

  /** The value, or null when absent or empty (RFC 6749 3.1: an empty parameter is an omitted one). */
  String get(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  String required(String name) {
    String v = get(name);
    if (v == null) {
      throw OAuthException.invalidRequest("parameter " + name + " is required");
    }
    return v;
  }
}
