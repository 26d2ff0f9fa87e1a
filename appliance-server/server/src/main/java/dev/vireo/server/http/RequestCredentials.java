package dev.vireo.server.http;

import dev.vireo.api.signing.RequestSigner;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * What a request presents to prove who sends it (ADR 0042): its {@code Authorization} header,
 * either a bearer token or an API key signature, and, for a signature, the parts it signs. The
 * body is read before authenticating only for a signed request; {@code body} is null otherwise.
 */
public record RequestCredentials(String authorization, String method, String path, String rawQuery, String host,
    String date, String nonce, byte[] body, String clientIp) {

  public static RequestCredentials of(HttpServerExchange ex, byte[] body) {
    java.net.InetSocketAddress source = ex.getSourceAddress();
    return new RequestCredentials(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
        ex.getRequestMethod().toString(), ex.getRequestPath(), ex.getQueryString(),
        ex.getRequestHeaders().getFirst(Headers.HOST), ex.getRequestHeaders().getFirst(RequestSigner.DATE_HEADER),
        ex.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER), body,
        source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress());
  }

  /** Credentials of a bare Authorization header (unit tests, bearer-only callers). */
  public static RequestCredentials bearer(String authorization) {
    return new RequestCredentials(authorization, "GET", "/", null, null, null, null, null, null);
  }

  /** Whether the header carries an API key signature rather than a bearer token. */
  public boolean signed() {
    return RequestSigner.isSigned(authorization);
  }

  /** The signed parts, as the signer reads them. */
  public RequestSigner.Input signedInput() {
    return new RequestSigner.Input(method, path, rawQuery, host == null ? "" : host, date, nonce,
        body == null ? new byte[0] : body);
  }
}
