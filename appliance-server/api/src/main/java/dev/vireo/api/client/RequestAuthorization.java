package dev.vireo.api.client;

import dev.vireo.api.signing.RequestSigner;
import dev.vireo.api.signing.SigningAlgorithm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

/** Adds the caller's credentials to one request: a bearer token, or an API key signature (ADR 0042). */
@FunctionalInterface
interface RequestAuthorization {
  /** {@code body}: the exact bytes sent (empty for none); a signature covers them. */
  void apply(HttpRequest.Builder request, String method, URI uri, byte[] body);

  /** {@code Authorization: Bearer <token>} while {@code token} gives one. */
  static RequestAuthorization bearer(Supplier<String> token) {
    return (request, method, uri, body) -> {
      String t = token.get();
      if (t != null && !t.isBlank()) {
        request.header("Authorization", "Bearer " + t);
      }
    };
  }

  /** Signs each request with the key pair and {@code algorithm}: date now, a fresh random nonce. */
  static RequestAuthorization apiKey(String accessKey, String secret, SigningAlgorithm algorithm, Clock clock) {
    SecureRandom random = new SecureRandom();
    return (request, method, uri, body) -> {
      byte[] n = new byte[16];
      random.nextBytes(n);
      String nonce = HexFormat.of().formatHex(n);
      String date = RequestSigner.formatDate(clock.instant());
      RequestSigner.Signed signed = RequestSigner.sign(algorithm, accessKey, secret, new RequestSigner.Input(method,
          uri.getPath(), uri.getRawQuery(), RequestSigner.hostOf(uri), date, nonce, body));
      request.header(RequestSigner.DATE_HEADER, date)
          .header(RequestSigner.NONCE_HEADER, nonce)
          .header("Authorization", signed.authorization());
    };
  }
}
