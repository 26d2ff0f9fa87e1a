package dev.vireo.server.oauth;

import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /oauth2/authorize} (RFC 6749 4.1, RFC 7636): GET shows the sign-in page, POST signs in
 * (a Vireo password, or an existing Vireo bearer session in the Authorization header) and sends
 * the browser back to the client's exactly registered redirect URI with a code. A bad client or
 * redirect URI is shown, never redirected to; every later error goes back to the client.
 * Public clients must send a PKCE S256 challenge.
 */
final class AuthorizeEndpoint {
  private static final Pattern PKCE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  /** A request whose client and redirect URI are known good. */
  private record Checked(OAuthClientStore.Row client, String redirectUri, String state, Set<String> scopes,
      Map<String, String> carried) {}

  private final OAuthClientStore clients;
  private final OAuthGrants grants;
  private final Sessions sessions;

  AuthorizeEndpoint(OAuthClientStore clients, OAuthGrants grants, Sessions sessions) {
    this.clients = clients;
    this.grants = grants;
    this.sessions = sessions;
  }

  Response show(Request r) {
    return answer(r, false);
  }

  Response submit(Request r) {
    return answer(r, true);
  }

  private Response answer(Request r, boolean submitted) {
    frameless(r);
    OAuthParams p;
    try {
      p = OAuthParams.of(r);
    } catch (OAuthException e) {
      return failure(r, "invalid_request", e.getMessage());
    }
    String clientId = p.get("client_id");
    Optional<OAuthClientStore.Row> client = clientId == null ? Optional.empty() : clients.get(clientId);
    if (client.isEmpty()) {
      return failure(r, "invalid_client", "unknown client_id: the application is not registered");
    }
    String redirect = p.get("redirect_uri");
    if (redirect == null || !client.get().client().redirectUris().contains(redirect)) {
      return failure(r, "invalid_request", "redirect_uri is missing or not one registered for this client"
          + " (an exact match is required)");
    }
    String state = p.get("state");
    try {
      Checked c = check(client.get(), redirect, state, p);
      if (!submitted) {
        return page(200, AuthorizePage.signIn(c.client().client().name(), Scopes.join(c.scopes()), c.carried(), null));
      }
      if ("deny".equals(p.get("decision"))) {
        throw new OAuthException(400, "access_denied", "the user denied the request");
      }
      String accountId = signedIn(r, p);
      if (accountId == null) {
        r.note().refusal("unauthorized", "wrong username or password");
        return page(401, AuthorizePage.signIn(c.client().client().name(), Scopes.join(c.scopes()), c.carried(),
            "Wrong username or password."));
      }
      // the operation log names who signed in, not "anonymous"
      sessions.accounts().get(accountId).ifPresent(a -> r.note().operator(a.login()));
      String code = grants.newCode(c.client().client().id(), accountId, redirect, Scopes.join(c.scopes()),
          p.get("nonce"), p.get("code_challenge"));
      return redirect(redirect, state, "code", code);
    } catch (OAuthException e) {
      return redirect(redirect, state, "error", e.error(), "error_description", e.getMessage());
    }
  }

  /** The 400 page of a request that cannot be redirected back; its reason goes to the operation log too. */
  private Response failure(Request r, String code, String reason) {
    r.note().refusal(code, reason);
    return page(400, AuthorizePage.failure(reason));
  }

  private static Checked check(OAuthClientStore.Row client, String redirect, String state, OAuthParams p) {
    if (!"code".equals(p.get("response_type"))) {
      throw new OAuthException(400, "unsupported_response_type", "response_type must be code");
    }
    if (!client.client().grantTypes().contains("authorization_code")) {
      throw new OAuthException(400, "unauthorized_client", "the client may not use the authorization_code grant");
    }
    Set<String> scopes = Scopes.granted(p.get("scope"), client.client().scopes());
    String challenge = p.get("code_challenge");
    if (challenge == null && !client.client().confidential()) {
      throw OAuthException.invalidRequest("a public client must send code_challenge (PKCE, S256)");
    }
    if (challenge != null) {
      if (!"S256".equals(p.get("code_challenge_method"))) {
        throw OAuthException.invalidRequest("code_challenge_method must be S256");
      }
      if (!PKCE.matcher(challenge).matches()) {
        throw OAuthException.invalidRequest("code_challenge must be 43 to 128 characters of [A-Za-z0-9._~-]");
      }
    }
    String nonce = p.get("nonce");
    if ((nonce != null && nonce.length() > 256) || (state != null && state.length() > 1024)) {
      throw OAuthException.invalidRequest("nonce (at most 256) or state (at most 1024 characters) is too long");
    }
    Map<String, String> carried = new LinkedHashMap<>();
    for (String name : AuthorizePage.CARRIED) {
      carried.put(name, p.get(name));
    }
    return new Checked(client, redirect, state, scopes, carried);
  }

  /** The account that signs in, by a Vireo session or by password; null when the password is wrong. */
  private String signedIn(Request r, OAuthParams p) {
    String header = r.header("Authorization");
    if (Sessions.bearer(header) != null) {
      String login = sessions.authenticate(header);
      if (login == null) {
        throw new OAuthException(400, "access_denied", "the Vireo session is invalid or expired");
      }
      return sessions.accounts().byLogin(login).map(AccountStore.Row::id).orElse(null);
    }
    String username = p.get("username");
    String password = p.get("password");
    if (username == null || password == null) {
      return null;
    }
    try {
      java.net.InetSocketAddress from = r.exchange().getSourceAddress();
      return sessions.checkPassword(username, password, p.get("totp_code"), from == null ? null : from.getAddress())
          .map(AccountStore.Row::id).orElse(null);
    } catch (ApiException e) {
      throw new OAuthException(400, "access_denied", e.getMessage()); // locked, frozen, 2FA, allow-list
    }
  }

  /** To {@code uri} with the name/value pairs {@code params}, in order, then the state. */
  private static Response redirect(String uri, String state, String... params) {
    StringBuilder to = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
    Map<String, String> all = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      all.put(params[i], params[i + 1]);
    }
    if (state != null) {
      all.put("state", state);
    }
    all.forEach((k, v) -> to.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
    to.setLength(to.length() - 1);
    return new Response(302, null, null, to.toString());
  }

  private static Response page(int status, byte[] html) {
    return Response.raw(status, html, "text/html; charset=utf-8");
  }

  /** The sign-in page may not be framed (clickjacking) nor cached. */
  private static void frameless(Request r) {
    var h = r.exchange().getResponseHeaders();
    h.put(io.undertow.util.HttpString.tryFromString("X-Frame-Options"), "DENY");
    h.put(io.undertow.util.HttpString.tryFromString("Content-Security-Policy"),
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    h.put(io.undertow.util.HttpString.tryFromString("Cache-Control"), "no-store");
  }
}
