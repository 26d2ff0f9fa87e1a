package dev.vireo.server.auth;

import dev.vireo.server.http.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Authenticates node agents by the cluster join token (constant-time comparison). */
public final class JoinToken implements Authenticator {
  private final byte[] token;

  public JoinToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String authenticate(String authorizationHeader) {
    String presented = Sessions.bearer(authorizationHeader);
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))
        ? "agent" : null;
  }
}
