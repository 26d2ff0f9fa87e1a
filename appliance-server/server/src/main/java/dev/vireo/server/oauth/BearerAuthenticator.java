package dev.vireo.server.oauth;

import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Authenticator;
import dev.vireo.server.http.RequestCredentials;
import java.util.Set;

/**
 * The one bearer authentication of user routes (ADR 0043): an OAuth access token (prefix
 * {@code voa_}) names its account if its scopes allow the method ({@code vireo.read} for GET and
 * HEAD, {@code vireo.write} for the others), any other bearer token is a console session. The
 * account's roles then apply as for its own login.
 */
public final class BearerAuthenticator implements Authenticator {
  private final Sessions sessions;
  private final OAuthGrants grants;

  BearerAuthenticator(Sessions sessions, OAuthGrants grants) {
    this.sessions = sessions;
    this.grants = grants;
  }

  @Override
  public String authenticate(RequestCredentials credentials) {
    String authorizationHeader = credentials.authorization();
    String method = credentials.method();
    String token = Sessions.bearer(authorizationHeader);
    if (token == null || !token.startsWith(OAuthGrants.ACCESS_PREFIX)) {
      return sessions.authenticate(credentials);
    }
    OAuthGrants.Token t = grants.live(token).filter(x -> x.kind().equals("ACCESS")).orElse(null);
    if (t == null) {
      return null;
    }
    boolean reads = method.equals("GET") || method.equals("HEAD");
    String needed = reads ? Scopes.READ : Scopes.WRITE;
    Set<String> scopes = Scopes.parse(t.scope());
    if (!scopes.contains(needed)) {
      throw new ApiException(403, "insufficient_scope", null, "the OAuth access token lacks scope " + needed
          + " (" + (reads ? "reads" : "writes") + " of the REST API)");
    }
    return sessions.accounts().get(t.accountId()).map(AccountStore.Row::login).orElse(null);
  }
}
