package dev.vireo.api.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one implementation of API request signing (docs/api-signing.md, ADR 0042), used by the server
 * to verify and by the SDK to sign: canonical request, string to sign, HMAC signature and the
 * {@code Authorization} header that carries it. The {@link SigningAlgorithm} is SHA-256 unless the
 * caller picks SM3 (ADR 0049); the methods without one use SHA-256.
 */
public final class RequestSigner {
  /** The default scheme, {@link SigningAlgorithm#SHA256}'s. */
  public static final String SCHEME = SigningAlgorithm.SHA256.scheme();
  public static final String DATE_HEADER = "X-Vireo-Date";
  public static final String NONCE_HEADER = "X-Vireo-Nonce";
  /** The headers every signature covers, in canonical order. */
  public static final String SIGNED_HEADERS = "host;x-vireo-date;x-vireo-nonce";
  /** ISO-8601 basic format in UTC, e.g. {@code 20261207T235200Z}. */
  public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  /** The parts of a request that are signed. {@code path} is decoded; {@code rawQuery} as sent (may be null). */
  public record Input(String method, String path, String rawQuery, String host, String date, String nonce,
      byte[] body) {}

  /** Every intermediate value of one signature, for debugging and the documented example. */
  public record Signed(String canonicalRequest, String stringToSign, String signature, String authorization) {}

  /** The fields of a signature {@code Authorization} header; {@code algorithm} from its scheme. */
  public record Credential(SigningAlgorithm algorithm, String accessKey, String signedHeaders, String signature) {}

  private RequestSigner() {}

  /** Whether {@code authorization} uses one of the signature schemes (and not, say, a bearer token). */
  public static boolean isSigned(String authorization) {
    return SigningAlgorithm.ofAuthorization(authorization).isPresent();
  }

  /** Signs with {@link SigningAlgorithm#SHA256}. */
  public static Signed sign(String accessKey, String secret, Input in) {
    return sign(SigningAlgorithm.SHA256, accessKey, secret, in);
  }

  public static Signed sign(SigningAlgorithm algorithm, String accessKey, String secret, Input in) {
    String canonical = canonicalRequest(algorithm, in);
    String toSign = stringToSign(algorithm, in.date(), canonical);
    String signature = signature(algorithm, secret, toSign);
    return new Signed(canonical, toSign, signature, authorization(algorithm, accessKey, signature));
  }

  /** The canonical request of {@link SigningAlgorithm#SHA256}. */
  public static String canonicalRequest(Input in) {
    return canonicalRequest(SigningAlgorithm.SHA256, in);
  }

  /**
   * Method, encoded path, sorted canonical query, the signed headers as {@code name:value} lines,
   * the signed header names, and the algorithm's hash of the body in hex, joined by newlines.
   */
  public static String canonicalRequest(SigningAlgorithm algorithm, Input in) {
    return in.method().toUpperCase(java.util.Locale.ROOT) + "\n"
        + canonicalPath(in.path()) + "\n"
        + canonicalQuery(in.rawQuery()) + "\n"
        + "host:" + in.host().strip().toLowerCase(java.util.Locale.ROOT) + "\n"
        + "x-vireo-date:" + in.date().strip() + "\n"
        + "x-vireo-nonce:" + in.nonce().strip() + "\n"
        + "\n"
        + SIGNED_HEADERS + "\n"
        + algorithm.digestHex(in.body() == null ? new byte[0] : in.body());
  }

  /** The string to sign of {@link SigningAlgorithm#SHA256}. */
  public static String stringToSign(String date, String canonicalRequest) {
    return stringToSign(SigningAlgorithm.SHA256, date, canonicalRequest);
  }

  /** The scheme, the date and the algorithm's hash of the canonical request in hex, joined by newlines. */
  public static String stringToSign(SigningAlgorithm algorithm, String date, String canonicalRequest) {
    return algorithm.scheme() + "\n" + date.strip() + "\n"
        + algorithm.digestHex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex of HMAC-SHA256 keyed with the UTF-8 bytes of {@code secret}. */
  public static String signature(String secret, String stringToSign) {
    return signature(SigningAlgorithm.SHA256, secret, stringToSign);
  }

  /** Lower-case hex of the algorithm's HMAC keyed with the UTF-8 bytes of {@code secret}. */
  public static String signature(SigningAlgorithm algorithm, String secret, String stringToSign) {
    return HEX.formatHex(algorithm.hmac(secret.getBytes(StandardCharsets.UTF_8),
        stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  /** The {@code Authorization} header of {@link SigningAlgorithm#SHA256}. */
  public static String authorization(String accessKey, String signature) {
    return authorization(SigningAlgorithm.SHA256, accessKey, signature);
  }

  public static String authorization(SigningAlgorithm algorithm, String accessKey, String signature) {
    return algorithm.scheme() + " Credential=" + accessKey + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature="
        + signature;
  }

  /** The fields of a signature header; IllegalArgumentException saying what is wrong with it. */
  public static Credential parse(String authorization) {
    SigningAlgorithm algorithm = SigningAlgorithm.ofAuthorization(authorization).orElseThrow(() ->
        new IllegalArgumentException("the Authorization header does not start with " + SigningAlgorithm.SHA256
            .scheme() + " or " + SigningAlgorithm.SM3.scheme()));
    String scheme = algorithm.scheme();
    String accessKey = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : authorization.substring(scheme.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("malformed " + scheme + " field '" + part.strip()
            + "': expected Credential=, SignedHeaders= and Signature=");
      }
      String name = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      switch (name) {
        case "Credential" -> accessKey = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> throw new IllegalArgumentException("unknown " + scheme + " field " + name);
      }
    }
    if (accessKey == null || accessKey.isEmpty() || signature == null || signature.isEmpty()) {
      throw new IllegalArgumentException(scheme + " needs Credential=<access key> and Signature=<hex>");
    }
    if (!SIGNED_HEADERS.equals(signedHeaders)) {
      throw new IllegalArgumentException("SignedHeaders must be " + SIGNED_HEADERS);
    }
    return new Credential(algorithm, accessKey, signedHeaders, signature);
  }

  /** Constant-time comparison of two hex signatures (case-insensitive). */
  public static boolean matches(String expected, String presented) {
    return MessageDigest.isEqual(expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        presented.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  public static String formatDate(Instant t) {
    return DATE.format(t);
  }

  /** The instant of an {@code X-Vireo-Date}; IllegalArgumentException naming the expected form. */
  public static Instant parseDate(String date) {
    try {
      return Instant.from(DATE.parse(date.strip()));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(DATE_HEADER + " must be ISO-8601 basic UTC such as 20261207T235200Z (got '"
          + date + "')");
    }
  }

  /** The Host header a client sends for {@code uri}: the port only when it is not the scheme's default. */
  public static String hostOf(URI uri) {
    int port = uri.getPort();
    boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
        || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  /** The decoded path, each byte outside RFC 3986's unreserved set and '/' percent-encoded. */
  static String canonicalPath(String path) {
    return path == null || path.isEmpty() ? "/" : encode(path, true);
  }

  /** Query parameters decoded, re-encoded, sorted by name then value and joined by '&'. */
  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = decode(eq < 0 ? p : p.substring(0, eq));
      String value = eq < 0 ? "" : decode(p.substring(eq + 1));
      pairs.add(new String[] {encode(name, false), encode(value, false)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s, boolean keepSlash) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (keepSlash && c == '/')) {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  public static String sha256Hex(byte[] data) {
    return SigningAlgorithm.SHA256.digestHex(data);
  }
}
