package dev.vireo.api.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encoding of ids and names into URL paths and queries. */
final class UrlParts {
  private UrlParts() {}

  /** Ids are generated, but names may hold spaces and letters of any script. */
  static String segment(String idOrName) {
    if (idOrName == null || idOrName.isBlank()) {
      throw new IllegalArgumentException("an id or name is required");
    }
    return URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
