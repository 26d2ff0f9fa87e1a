package dev.vireo.server.http;

import java.util.Locale;

/** Reads an {@code Accept-Encoding} request header (RFC 9110 §12.5.3) for the one coding we offer. */
final class AcceptEncoding {
  private AcceptEncoding() {}

  /**
   * Whether gzip may be sent: named (or {@code *}) with a non-zero weight. An explicit
   * {@code gzip;q=0} wins over {@code *}.
   */
  static boolean allowsGzip(Iterable<String> headerValues) {
    if (headerValues == null) {
      return false;
    }
    Boolean star = null;
    for (String header : headerValues) {
      for (String item : header.split(",")) {
        String[] parts = item.split(";");
        String coding = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean allowed = weight(parts) > 0;
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
          return allowed;
        }
        if (coding.equals("*")) {
          star = allowed;
        }
      }
    }
    return Boolean.TRUE.equals(star);
  }

  private static double weight(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.regionMatches(true, 0, "q=", 0, 2)) {
        try {
          return Double.parseDouble(p.substring(2).strip());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
