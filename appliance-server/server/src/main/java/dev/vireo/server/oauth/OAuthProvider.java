package dev.vireo.server.oauth;

import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.FormHandler;
import dev.vireo.server.http.Handler;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import io.undertow.util.HttpString;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The OAuth 2.0 / OpenID Connect provider (ADR 0043): client registration, the authorize, token,
 * revocation and userinfo endpoints, discovery and the JWK Set. Its endpoints are open routes that
 * authenticate for themselves (clients by secret, users by password or session, userinfo by access
 * token) and answer errors as RFC 6749 5.2 says. Its access tokens open the REST API through
 * {@link #authenticator}.
 */
public final class OAuthProvider {
  private static final HttpString WWW_AUTHENTICATE = new HttpString("WWW-Authenticate");

  private final OAuthClientStore clients;
  private final OAuthGrants grants;
  private final Sessions sessions;
  private final SigningKeys key;
  private final String issuer;
  private final ClientAuthentication clientAuth;

  public OAuthProvider(Jdbi jdbi, Sessions sessions, Path signingKeyFile, String publicUrl) throws Exception {
    this.clients = new OAuthClientStore(jdbi);
    this.grants = new OAuthGrants(jdbi, sessions);
    this.sessions = sessions;
    this.key = new SigningKeys(signingKeyFile);
    this.issuer = publicUrl.replaceAll("/+$", "");
    this.clientAuth = new ClientAuthentication(clients);
  }

  /** The REST API's bearer authentication: console sessions and this provider's access tokens. */
  public BearerAuthenticator authenticator() {
    return new BearerAuthenticator(sessions, grants);
  }

  public void register(ApiRouter router) {
    new OAuthClientRoutes(clients, sessions).register(router);
    AuthorizeEndpoint authorize = new AuthorizeEndpoint(clients, grants, sessions);
    TokenEndpoint token = new TokenEndpoint(clientAuth, grants, sessions, key, issuer);
    router.get("/.well-known/openid-configuration", Access.OPEN, r -> Response.ok(discovery()));
    router.get("/oauth2/jwks", Access.OPEN, r -> Response.ok(key.jwks()));
    router.get("/api/v1/oauth-signing-keys", Access.USER, r -> Response.ok(r.page(key.list())));
    router.post("/api/v1/oauth-signing-keys/rotate", Access.USER, r -> {
      dev.vireo.api.model.RotateSigningKeyRequest body = r.json(dev.vireo.api.model.RotateSigningKeyRequest.class);
      if (body.reason() != null && body.reason().length() > 256) {
        throw dev.vireo.server.http.ApiException.invalid("reason", "must be at most 256 characters");
      }
      dev.vireo.api.model.RotatedSigningKey rotated = key.rotate();
      r.note().resource(rotated.keyId());
      if (body.reason() != null && !body.reason().isBlank()) {
        r.note().remark(body.reason().strip());
      }
      return Response.ok(rotated);
    });
    router.get("/oauth2/authorize", Access.OPEN, authorize::show);
    router.post("/oauth2/authorize", Access.OPEN, (FormHandler) authorize::submit);
    router.post("/oauth2/token", Access.OPEN, form(token::token));
    router.post("/oauth2/revoke", Access.OPEN, form(this::revoke));
    router.get("/oauth2/userinfo", Access.OPEN, rfc(this::userinfo));
  }

  private Map<String, Object> discovery() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("issuer", issuer);
    d.put("authorization_endpoint", issuer + "/oauth2/authorize");
    d.put("token_endpoint", issuer + "/oauth2/token");
    d.put("revocation_endpoint", issuer + "/oauth2/revoke");
    d.put("userinfo_endpoint", issuer + "/oauth2/userinfo");
    d.put("jwks_uri", issuer + "/oauth2/jwks");
    d.put("response_types_supported", List.of("code"));
    d.put("grant_types_supported", OAuthClientRoutes.GRANTS);
    d.put("subject_types_supported", List.of("public"));
    d.put("id_token_signing_alg_values_supported", List.of("RS256"));
    d.put("scopes_supported", Scopes.SUPPORTED);
    d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
    d.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
    d.put("code_challenge_methods_supported", List.of("S256"));
    d.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nonce", "email", "preferred_username"));
    return d;
  }

  /** RFC 7009: 200 whether or not the token was known, so revocation reveals nothing. */
  private Response revoke(Request r) {
    OAuthParams p = OAuthParams.of(r);
    OAuthClientStore.Row client = clientAuth.authenticate(r, p);
    grants.revoke(p.required("token"), client.client().id());
    return new Response(200, null, null, null);
  }

  private Response userinfo(Request r) {
    String token = Sessions.bearer(r.header("Authorization"));
    OAuthGrants.Token t = token == null || !token.startsWith(OAuthGrants.ACCESS_PREFIX) ? null
        : grants.live(token).filter(x -> x.kind().equals("ACCESS")).orElse(null);
    if (t == null) {
      throw new OAuthException(401, "invalid_token", "a valid access token is required");
    }
    if (!Scopes.parse(t.scope()).contains(Scopes.OPENID)) {
      throw new OAuthException(403, "insufficient_scope", "the access token lacks scope openid");
    }
    AccountStore.Row a = sessions.accounts().get(t.accountId())
        .orElseThrow(() -> new OAuthException(401, "invalid_token", "the token's account no longer exists"));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("sub", a.id());
    info.put("preferred_username", a.login());
    info.put("name", a.displayName());
    if (a.email() != null) {
      info.put("email", a.email());
    }
    return Response.ok(info);
  }

  private static FormHandler form(Handler h) {
    Handler wrapped = rfc(h);
    return wrapped::handle;
  }

  /** Answers an {@link OAuthException} as {@code {"error", "error_description"}} with the challenge headers. */
  private static Handler rfc(Handler h) {
    return r -> {
      try {
        return h.handle(r);
      } catch (OAuthException e) {
        if (e.status() == 401 && e.error().equals("invalid_client")) {
          r.exchange().getResponseHeaders().put(WWW_AUTHENTICATE, "Basic realm=\"vireo\"");
        } else if (e.error().equals("invalid_token") || e.error().equals("insufficient_scope")) {
          r.exchange().getResponseHeaders().put(WWW_AUTHENTICATE, "Bearer realm=\"vireo\", error=\"" + e.error()
              + "\"");
        }
        r.note().refusal(e.error(), e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        return new Response(e.status(), body, "application/json", null);
      }
    };
  }
}
