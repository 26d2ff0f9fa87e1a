package dev.vireo.server.oauth;

import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code /oauth2/token} (RFC 6749 section 4 and 6, RFC 7636, OpenID Connect Core 3.1.3): the
 * authorization_code, client_credentials and refresh_token grants. A client_credentials token acts
 * as the account that registered the client (ADR 0043) and gets no refresh nor ID token.
 */
final class TokenEndpoint {
  private final ClientAuthentication clientAuth;
  private final OAuthGrants grants;
  private final AccountStore accounts;
  private final Sessions clock;
  private final SigningKeys key;
  private final String issuer;

  TokenEndpoint(ClientAuthentication clientAuth, OAuthGrants grants, Sessions sessions, SigningKeys key,
      String issuer) {
    this.clientAuth = clientAuth;
    this.grants = grants;
    this.accounts = sessions.accounts();
    this.clock = sessions;
    this.key = key;
    this.issuer = issuer;
  }

  Response token(Request r) {
    OAuthParams p = OAuthParams.of(r);
    OAuthClientStore.Row client = clientAuth.authenticate(r, p);
    String grant = p.required("grant_type");
    if (!OAuthClientRoutes.GRANTS.contains(grant)) {
      throw new OAuthException(400, "unsupported_grant_type", "grant_type " + grant + " is not supported; use one of "
          + OAuthClientRoutes.GRANTS);
    }
    if (!client.client().grantTypes().contains(grant)) {
      throw new OAuthException(400, "unauthorized_client", "the client may not use the " + grant + " grant");
    }
    return switch (grant) {
      case "authorization_code" -> code(client, p);
      case "client_credentials" -> clientCredentials(client, p);
      default -> refresh(client, p);
    };
  }

  private Response code(OAuthClientStore.Row client, OAuthParams p) {
    String code = p.required("code");
    String redirect = p.required("redirect_uri");
    String verifier = p.get("code_verifier");
    OAuthGrants.Code c = grants.redeem(code);
    if (c == null) {
      throw OAuthException.invalidGrant("the authorization code was already used; the tokens issued for it are"
          + " revoked");
    }
    if (!c.clientId().equals(client.client().id())) {
      throw OAuthException.invalidGrant("the authorization code was issued to another client");
    }
    if (!c.redirectUri().equals(redirect)) {
      throw OAuthException.invalidGrant("redirect_uri differs from the authorization request's");
    }
    if (c.codeChallenge() != null) {
      if (verifier == null) {
        throw OAuthException.invalidGrant("code_verifier is required (the request sent a PKCE challenge)");
      }
      if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
          c.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
        throw OAuthException.invalidGrant("code_verifier does not match the code_challenge");
      }
    } else if (verifier != null) {
      throw OAuthException.invalidGrant("code_verifier sent but the authorization request had no code_challenge");
    }
    OAuthGrants.Issued issued = grants.issue(client.client().id(), c.accountId(), c.scope(), c.familyId(),
        client.client().grantTypes().contains("refresh_token"));
    Map<String, Object> body = answer(issued);
    if (Scopes.parse(c.scope()).contains(Scopes.OPENID)) {
      body.put("id_token", idToken(client.client().id(), c.accountId(), c.nonce()));
    }
    return Response.ok(body);
  }

  private Response clientCredentials(OAuthClientStore.Row client, OAuthParams p) {
    Set<String> scopes = new LinkedHashSet<>(Scopes.granted(p.get("scope"), client.client().scopes()));
    scopes.remove(Scopes.OPENID); // no end user signs in: no ID token, no userinfo
    scopes.remove("email");
    String family = "fam-" + dev.vireo.server.config.SecretFiles.randomHex(16);
    return Response.ok(answer(grants.issue(client.client().id(), client.client().accountId(), Scopes.join(scopes),
        family, false)));
  }

  private Response refresh(OAuthClientStore.Row client, OAuthParams p) {
    String token = p.required("refresh_token");
    if (p.get("scope") != null) {
      throw new OAuthException(400, "invalid_scope", "a refresh keeps the scopes of the grant; send no scope");
    }
    OAuthGrants.Issued issued = grants.refresh(token, client.client().id());
    if (issued == null) {
      throw OAuthException.invalidGrant("the refresh token was already used; every token of its grant is revoked");
    }
    return Response.ok(answer(issued));
  }

  private static Map<String, Object> answer(OAuthGrants.Issued issued) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issued.accessToken());
    body.put("token_type", "Bearer");
    body.put("expires_in", OAuthGrants.ACCESS_TTL.toSeconds());
    if (issued.refreshToken() != null) {
      body.put("refresh_token", issued.refreshToken());
    }
    body.put("scope", issued.scope());
    return body;
  }

  private String idToken(String clientId, String accountId, String nonce) {
    AccountStore.Row a = accounts.get(accountId).orElseThrow(() -> OAuthException.invalidGrant(
        "the account no longer exists"));
    long now = clock.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", a.id());
    claims.put("aud", clientId);
    claims.put("exp", now + OAuthGrants.ACCESS_TTL.toSeconds());
    claims.put("iat", now);
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    if (a.email() != null) {
      claims.put("email", a.email());
    }
    claims.put("preferred_username", a.login());
    return key.current().sign(claims);
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
