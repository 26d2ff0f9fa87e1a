package dev.vireo.server.auth;

import dev.vireo.server.http.Authenticator;
import dev.vireo.server.http.RequestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Authenticates node agents by the cluster join token (constant-time comparison). */
public final class JoinToken implements Authenticator {
  private final byte[] token;

  public JoinToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String authenticate(RequestCredentials credentials) {
    String presented = Sessions.bearer(credentials.authorization());
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))
        ? "agent" : null;
  }
}
