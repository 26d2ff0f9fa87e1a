package dev.vireo.server.auth;

import dev.vireo.server.http.Authenticator;
import dev.vireo.server.http.RequestCredentials;

/**
 * A user's credentials are either a bearer token or an API key signature (ADR 0042): one
 * authenticator picks by the header's scheme, so the router has one path for both.
 */
public final class UserAuthenticator implements Authenticator {
  private final Authenticator bearer;
  private final Authenticator signature;

  public UserAuthenticator(Authenticator bearer, Authenticator signature) {
    this.bearer = bearer;
    this.signature = signature;
  }

  @Override
  public String authenticate(RequestCredentials credentials) {
    return credentials.signed() ? signature.authenticate(credentials) : bearer.authenticate(credentials);
  }
}
