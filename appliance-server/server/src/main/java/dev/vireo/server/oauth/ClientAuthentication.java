package dev.vireo.server.oauth;

import dev.vireo.server.auth.Sessions;
import dev.vireo.server.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who calls the token and revocation endpoints (RFC 6749 2.3): a confidential client by
 * {@code client_secret_basic} or {@code client_secret_post} (one of them, not both), a public
 * client by its {@code client_id} alone.
 */
final class ClientAuthentication {
  private final OAuthClientStore clients;

  ClientAuthentication(OAuthClientStore clients) {
    this.clients = clients;
  }

  OAuthClientStore.Row authenticate(Request r, OAuthParams p) {
    String id = p.get("client_id");
    String secret = p.get("client_secret");
    String header = r.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (secret != null) {
        throw OAuthException.invalidRequest("use one client authentication method, not both");
      }
      String[] pair = basic(header.substring(6).strip());
      if (id != null && !id.equals(pair[0])) {
        throw OAuthException.invalidRequest("client_id differs from the authenticated client");
      }
      id = pair[0];
      secret = pair[1].isEmpty() ? null : pair[1];
    }
    if (id == null) {
      throw OAuthException.invalidClient("client authentication is required (client_secret_basic,"
          + " client_secret_post, or client_id for a public client)");
    }
    OAuthClientStore.Row c = clients.get(id).orElseThrow(() -> OAuthException.invalidClient("client authentication"
        + " failed"));
    if (c.client().confidential()) {
      if (secret == null || !MessageDigest.isEqual(Sessions.sha256(secret).getBytes(StandardCharsets.US_ASCII),
          c.secretHash().getBytes(StandardCharsets.US_ASCII))) {
        throw OAuthException.invalidClient("client authentication failed");
      }
    } else if (secret != null) {
      throw OAuthException.invalidClient("a public client has no secret");
    }
    return c;
  }

  private static String[] basic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw OAuthException.invalidClient("malformed Basic credentials");
      }
      return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    } catch (IllegalArgumentException e) {
      throw OAuthException.invalidClient("malformed Basic credentials");
    }
  }
}
