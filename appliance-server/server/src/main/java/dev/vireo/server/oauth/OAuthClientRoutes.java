package dev.vireo.server.oauth;

import dev.vireo.api.model.CreateOAuthClientRequest;
import dev.vireo.api.model.OAuthClient;
import dev.vireo.api.model.OAuthClientCreated;
import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/oauth-clients} (ADR 0043): administrators register, list and delete the
 * applications that may use the OAuth 2.0 provider. A client's tokens act as the account that
 * registered it, so nobody can hand out more rights than they hold.
 */
public final class OAuthClientRoutes {
  static final List<String> GRANTS = List.of("authorization_code", "client_credentials", "refresh_token");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private final OAuthClientStore clients;
  private final AccountStore accounts;
  private final Sessions sessions;

  public OAuthClientRoutes(OAuthClientStore clients, Sessions sessions) {
    this.clients = clients;
    this.accounts = sessions.accounts();
    this.sessions = sessions;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/oauth-clients", Access.USER, r -> Response.ok(r.page(clients.list())));
    router.post("/api/v1/oauth-clients", Access.USER, this::create);
    router.get("/api/v1/oauth-clients/{id}", Access.USER, r -> Response.ok(clients.get(r.path("id"))
        .map(OAuthClientStore.Row::client).orElseThrow(() -> ApiException.notFound("OAuth client", r.path("id")))));
    router.delete("/api/v1/oauth-clients/{id}", Access.USER, r -> {
      if (!clients.delete(r.path("id"))) {
        throw ApiException.notFound("OAuth client", r.path("id"));
      }
      return Response.noContent();
    });
  }

  private Response create(Request r) {
    CreateOAuthClientRequest req = r.json(CreateOAuthClientRequest.class);
    if (req == null) {
      throw ApiException.invalid("name", "is required");
    }
    String name = req.name() == null ? "" : req.name().strip();
    if (name.isEmpty() || name.length() > 64) {
      throw ApiException.invalid("name", "is required, 1 to 64 characters");
    }
    boolean confidential = req.confidential() == null || req.confidential();
    List<String> grants = req.grantTypes() == null || req.grantTypes().isEmpty()
        ? List.of("authorization_code", "refresh_token") : List.copyOf(new LinkedHashSet<>(req.grantTypes()));
    for (int i = 0; i < grants.size(); i++) {
      if (!GRANTS.contains(grants.get(i))) {
        throw ApiException.invalid("grantTypes[" + i + "]", "must be one of " + GRANTS);
      }
    }
    if (!confidential && grants.contains("client_credentials")) {
      throw ApiException.invalid("grantTypes", "client_credentials needs a confidential client (a secret)");
    }
    if (grants.contains("refresh_token") && !grants.contains("authorization_code")) {
      throw ApiException.invalid("grantTypes", "refresh_token is issued only with authorization_code");
    }
    List<String> scopes = req.scopes() == null || req.scopes().isEmpty() ? Scopes.SUPPORTED
        : List.copyOf(new LinkedHashSet<>(req.scopes()));
    for (int i = 0; i < scopes.size(); i++) {
      if (!Scopes.SUPPORTED.contains(scopes.get(i))) {
        throw ApiException.invalid("scopes[" + i + "]", "must be one of " + Scopes.SUPPORTED);
      }
    }
    List<String> uris = req.redirectUris() == null ? List.of() : req.redirectUris();
    if (grants.contains("authorization_code") && uris.isEmpty()) {
      throw ApiException.invalid("redirectUris", "at least one is required for the authorization_code grant");
    }
    for (int i = 0; i < uris.size(); i++) {
      checkRedirect("redirectUris[" + i + "]", uris.get(i));
    }
    String accountId = accounts.byLogin(r.username()).map(AccountStore.Row::id)
        .orElseThrow(() -> new ApiException(401, "unauthorized", null, "the account no longer exists"));
    OAuthClient c = new OAuthClient("oac-" + SecretFiles.randomHex(12), name, confidential,
        List.copyOf(new ArrayList<>(new LinkedHashSet<>(uris))), grants, scopes, accountId, sessions.now());
    String secret = confidential ? "vcs_" + SecretFiles.randomHex(32) : null;
    clients.insert(c, secret == null ? null : Sessions.sha256(secret));
    return Response.created(new OAuthClientCreated(c.id(), c.name(), c.confidential(), c.redirectUris(),
        c.grantTypes(), c.scopes(), c.accountId(), c.createdAt(), secret), "/api/v1/oauth-clients/" + c.id());
  }

  /** An absolute https URI without a fragment, or http on the loopback (native apps, RFC 8252). */
  static void checkRedirect(String field, String uri) {
    if (uri == null || uri.isBlank() || uri.length() > 2048) {
      throw ApiException.invalid(field, "must be an absolute URI of at most 2048 characters");
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw ApiException.invalid(field, "is not a valid URI: " + e.getReason());
    }
    if (!u.isAbsolute() || u.getHost() == null) {
      throw ApiException.invalid(field, "must be an absolute URI with a host");
    }
    if (u.getRawFragment() != null) {
      throw ApiException.invalid(field, "must not have a fragment (RFC 6749 3.1.2)");
    }
    String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK.contains(u.getHost()))) {
      throw ApiException.invalid(field, "must use https (http only on 127.0.0.1, localhost or [::1])");
    }
  }
}
