package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.ServerPerClass;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 2.0 / OpenID Connect provider (M16, ADR 0043) end to end on a real server with
 * java.net.http: client registration, the authorization-code flow through the sign-in form with
 * PKCE, client credentials, the tokens on the REST API within their scopes and the account's
 * roles, refresh rotation with reuse detection, revocation, discovery, and the ID token's RS256
 * signature checked with the JDK against the published JWK Set.
 */
class OAuth2Test extends ServerPerClass {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String REDIRECT = "http://127.0.0.1:8765/callback";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A registered client: its id and secret (null for a public one). */
  private record Client(String id, String secret) {}

  private static Client register(String token, boolean confidential, String grants, String scopes) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/oauth-clients", token, "{\"name\":\"app\",\"confidential\":" + confidential
        + ",\"redirectUris\":[\"" + REDIRECT + "\"],\"grantTypes\":" + grants + ",\"scopes\":" + scopes + "}");
    assertEquals(201, r.status(), r.toString());
    return new Client(r.json().path("id").asText(), r.json().path("clientSecret").asText(null));
  }

  private static Client publicClient() throws Exception {
    return register(admin, false, "[\"authorization_code\",\"refresh_token\"]",
        "[\"openid\",\"email\",\"vireo.read\",\"vireo.write\"]");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String verifier() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String challenge(String verifier) throws Exception {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String authorizeParams(Client c, String redirect, String scope, String verifier) throws Exception {
    return "response_type=code&client_id=" + enc(c.id()) + "&redirect_uri=" + enc(redirect) + "&scope=" + enc(scope)
        + "&state=st-42&nonce=nonce-7" + (verifier == null ? ""
        : "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
  }

  /** Signs in on the form as {@code login} and returns the redirect's Location. */
  private static String signIn(Client c, String scope, String verifier, String login, String password)
      throws Exception {
    Api.Reply r = api.send("POST", "/oauth2/authorize", null, FORM, authorizeParams(c, REDIRECT, scope, verifier)
        + "&username=" + enc(login) + "&password=" + enc(password) + "&decision=allow", Map.of());
    assertEquals(302, r.status(), r.toString());
    return r.header("Location");
  }

  private static String code(Client c, String scope, String verifier) throws Exception {
    String location = signIn(c, scope, verifier, "admin", server.adminPassword());
    assertTrue(location.startsWith(REDIRECT + "?code="), location);
    assertTrue(location.endsWith("&state=st-42"), "state comes back: " + location);
    return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
  }

  private static Api.Reply token(String form, Map<String, String> headers) throws Exception {
    return api.send("POST", "/oauth2/token", null, FORM, form, headers);
  }

  private static Api.Reply exchange(Client c, String code, String redirect, String verifier) throws Exception {
    return token("grant_type=authorization_code&client_id=" + enc(c.id()) + "&code=" + code + "&redirect_uri="
        + enc(redirect) + (verifier == null ? "" : "&code_verifier=" + verifier), Map.of());
  }

  private static Map<String, String> basic(Client c) {
    return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((enc(c.id()) + ":" + enc(c.secret()))
        .getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertError(int status, String error, Api.Reply r) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(error, r.json().path("error").asText(), r.toString());
    assertFalse(r.json().path("error_description").asText().isEmpty(), r.toString());
  }

  @Test
  void theCodeFlowWithPkceRefusesAWrongVerifierAReusedCodeAndAWrongRedirect() throws Exception {
    Client c = publicClient();
    String v = verifier();
    Api.Reply page = api.send("GET", "/oauth2/authorize?" + authorizeParams(c, REDIRECT, "openid vireo.read", v),
        null, null);
    assertEquals(200, page.status(), page.toString());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
    assertTrue(page.body().contains("name=\"password\""), "a sign-in form");
    assertEquals("DENY", page.header("X-Frame-Options"));

    // a wrong verifier is refused, and the code is spent
    String first = code(c, "openid vireo.read", v);
    assertError(400, "invalid_grant", exchange(c, first, REDIRECT, verifier()));
    assertError(400, "invalid_grant", exchange(c, first, REDIRECT, v));
    // no verifier at all for a PKCE code
    assertError(400, "invalid_grant", exchange(c, code(c, "openid vireo.read", v), REDIRECT, null));
    // a redirect_uri other than the authorization request's
    assertError(400, "invalid_grant", exchange(c, code(c, "openid vireo.read", v), "http://127.0.0.1:8765/other", v));

    String good = code(c, "openid vireo.read", v);
    Api.Reply tokens = exchange(c, good, REDIRECT, v);
    assertEquals(200, tokens.status(), tokens.toString());
    assertEquals("no-store", tokens.header("Cache-Control"));
    assertEquals("Bearer", tokens.json().path("token_type").asText());
    assertEquals(3600, tokens.json().path("expires_in").asInt());
    assertEquals("openid vireo.read", tokens.json().path("scope").asText());
    String access = tokens.json().path("access_token").asText();
    assertNotNull(tokens.json().path("refresh_token").asText(null), tokens.toString());
    assertNotNull(tokens.json().path("id_token").asText(null), tokens.toString());
    assertEquals(200, api.send("GET", "/api/v1/vms", access, null).status(), "the token opens the REST API");
    Api.Reply info = api.send("GET", "/oauth2/userinfo", access, null);
    assertEquals(200, info.status(), info.toString());
    assertEquals("admin", info.json().path("preferred_username").asText());

    // replaying the code fails and revokes what it gave
    assertError(400, "invalid_grant", exchange(c, good, REDIRECT, v));
    assertEquals(401, api.send("GET", "/api/v1/vms", access, null).status(), "tokens of a replayed code are revoked");
  }

  @Test
  void theAuthorizeEndpointNeverRedirectsToAnUnregisteredUriAndRequiresPkceOfPublicClients() throws Exception {
    Client c = publicClient();
    String v = verifier();
    for (String bad : List.of("http://127.0.0.1:8765/callback/", "https://evil.example.com/callback")) {
      Api.Reply r = api.send("GET", "/oauth2/authorize?" + authorizeParams(c, bad, "openid", v), null, null);
      assertEquals(400, r.status(), bad + ": " + r);
      assertNull(r.header("Location"), "never redirected to an unregistered URI");
    }
    Api.Reply unknown = api.send("GET", "/oauth2/authorize?response_type=code&client_id=oac-000000000000000000000000"
        + "&redirect_uri=" + enc(REDIRECT), null, null);
    assertEquals(400, unknown.status(), unknown.toString());
    // a public client without PKCE: the error goes back to the client
    Api.Reply noPkce = api.send("POST", "/oauth2/authorize", null, FORM, authorizeParams(c, REDIRECT, "openid", null)
        + "&username=admin&password=" + enc(server.adminPassword()), Map.of());
    assertEquals(302, noPkce.status(), noPkce.toString());
    assertTrue(noPkce.header("Location").startsWith(REDIRECT + "?error=invalid_request&"), noPkce.header("Location"));
    assertTrue(noPkce.header("Location").endsWith("&state=st-42"));
    // an unknown scope, and a refusal
    assertTrue(signIn(c, "openid admin", v, "admin", server.adminPassword()).contains("error=invalid_scope"));
    Api.Reply denied = api.send("POST", "/oauth2/authorize", null, FORM, authorizeParams(c, REDIRECT, "openid", v)
        + "&decision=deny", Map.of());
    assertTrue(denied.header("Location").contains("error=access_denied"), denied.toString());
    // a wrong password shows the form again, 401, with no code
    Api.Reply wrong = api.send("POST", "/oauth2/authorize", null, FORM, authorizeParams(c, REDIRECT, "openid", v)
        + "&username=admin&password=not-it", Map.of());
    assertEquals(401, wrong.status(), wrong.toString());
    assertNull(wrong.header("Location"));
    // an existing Vireo session may approve instead of a password
    Api.Reply bySession = api.send("POST", "/oauth2/authorize", null, FORM, authorizeParams(c, REDIRECT, "openid", v),
        Map.of("Authorization", "Bearer " + admin));
    assertEquals(302, bySession.status(), bySession.toString());
    assertTrue(bySession.header("Location").contains("?code="), bySession.header("Location"));
  }

  @Test
  void clientCredentialsActAsTheRegisteringAccountWithinTheirScopes() throws Exception {
    Client c = register(admin, true, "[\"client_credentials\"]", "[\"vireo.read\"]");
    // client_secret_post
    Api.Reply post = token("grant_type=client_credentials&client_id=" + c.id() + "&client_secret=" + c.secret(),
        Map.of());
    assertEquals(200, post.status(), post.toString());
    assertNull(post.json().path("refresh_token").asText(null), "no refresh token for client credentials");
    assertNull(post.json().path("id_token").asText(null), "no ID token without a user");
    String access = post.json().path("access_token").asText();
    assertEquals(200, api.send("GET", "/api/v1/auth/account", access, null).status());
    assertEquals("admin", api.send("GET", "/api/v1/auth/account", access, null).json().path("login").asText());
    Api.Reply write = api.send("POST", "/api/v1/roles", access, "{\"name\":\"via-oauth\",\"permissions\":[]}");
    assertEquals(403, write.status(), write.toString());
    assertEquals("insufficient_scope", write.json().path("code").asText(), write.toString());
    // client_secret_basic
    assertEquals(200, token("grant_type=client_credentials", basic(c)).status());
    // a wrong secret, no credentials, an unknown grant, a grant the client lacks
    Api.Reply wrong = token("grant_type=client_credentials", basic(new Client(c.id(), "vcs_not-the-secret")));
    assertError(401, "invalid_client", wrong);
    assertTrue(wrong.header("WWW-Authenticate").startsWith("Basic"), wrong.toString());
    assertError(401, "invalid_client", token("grant_type=client_credentials", Map.of()));
    assertError(400, "unsupported_grant_type", token("grant_type=password&username=admin", basic(c)));
    assertError(400, "unauthorized_client", token("grant_type=refresh_token&refresh_token=x", basic(c)));
    assertError(400, "invalid_request", token("", basic(c)));
    assertError(400, "invalid_request", token("grant_type=client_credentials&grant_type=client_credentials",
        basic(c)));
    Api.Reply json = api.send("POST", "/oauth2/token", null, "application/json", "{\"grant_type\":\"x\"}", basic(c));
    assertError(400, "invalid_request", json);
    // both methods at once
    assertError(400, "invalid_request", token("grant_type=client_credentials&client_secret=" + c.secret(), basic(c)));
    // write scope opens writes, still within the account's roles
    Client writer = register(admin, true, "[\"client_credentials\"]", "[\"vireo.read\",\"vireo.write\"]");
    String w = token("grant_type=client_credentials&scope=" + enc("vireo.read vireo.write"), basic(writer)).json()
        .path("access_token").asText();
    Api.Reply role = api.send("POST", "/api/v1/roles", w, "{\"name\":\"via-oauth\",\"permissions\":[\"vms:read\"]}");
    assertEquals(201, role.status(), role.toString());
  }

  @Test
  void aTokenCarriesNoMoreThanItsAccountsRoles() throws Exception {
    Api.Reply account = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"reader@example.com\",\"password\":"
        + "\"Reader-pass1\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],\"mustChangePassword\":false}");
    assertEquals(201, account.status(), account.toString());
    Client c = publicClient();
    String v = verifier();
    String location = signIn(c, "openid email vireo.read vireo.write", v, "reader@example.com", "Reader-pass1");
    String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    Api.Reply tokens = exchange(c, code, REDIRECT, v);
    assertEquals(200, tokens.status(), tokens.toString());
    String access = tokens.json().path("access_token").asText();
    assertEquals(200, api.send("GET", "/api/v1/vms", access, null).status());
    Api.Reply write = api.send("POST", "/api/v1/roles", access, "{\"name\":\"nope\",\"permissions\":[]}");
    assertEquals(403, write.status(), write.toString());
    assertEquals("forbidden", write.json().path("code").asText(), "the account's role refuses it");
    assertEquals("reader@example.com", api.send("GET", "/oauth2/userinfo", access, null).json().path("email")
        .asText());
  }

  @Test
  void refreshTokensRotateAndAReusedOneRevokesTheWholeGrant() throws Exception {
    Client c = publicClient();
    String v = verifier();
    Api.Reply first = exchange(c, code(c, "vireo.read", v), REDIRECT, v);
    String refresh1 = first.json().path("refresh_token").asText();
    Api.Reply second = token("grant_type=refresh_token&client_id=" + c.id() + "&refresh_token=" + refresh1, Map.of());
    assertEquals(200, second.status(), second.toString());
    String refresh2 = second.json().path("refresh_token").asText();
    String access2 = second.json().path("access_token").asText();
    assertNotEquals(refresh1, refresh2, "the refresh token rotates");
    assertEquals("vireo.read", second.json().path("scope").asText());
    assertEquals(200, api.send("GET", "/api/v1/ping", access2, null).status());
    // another client cannot use it
    Client other = publicClient();
    assertError(400, "invalid_grant", token("grant_type=refresh_token&client_id=" + other.id() + "&refresh_token="
        + refresh2, Map.of()));
    // the used one again: refused, and everything of the grant dies
    assertError(400, "invalid_grant", token("grant_type=refresh_token&client_id=" + c.id() + "&refresh_token="
        + refresh1, Map.of()));
    assertError(400, "invalid_grant", token("grant_type=refresh_token&client_id=" + c.id() + "&refresh_token="
        + refresh2, Map.of()));
    assertEquals(401, api.send("GET", "/api/v1/ping", access2, null).status(), "the family's access token is revoked");
    assertEquals(401, api.send("GET", "/api/v1/ping", first.json().path("access_token").asText(), null).status());
  }

  @Test
  void revocationEndsATokenAndAnswers200ForAnUnknownOne() throws Exception {
    Client c = register(admin, true, "[\"authorization_code\",\"refresh_token\",\"client_credentials\"]",
        "[\"openid\",\"vireo.read\"]");
    String access = token("grant_type=client_credentials", basic(c)).json().path("access_token").asText();
    assertEquals(200, api.send("GET", "/api/v1/ping", access, null).status());
    Api.Reply revoked = api.send("POST", "/oauth2/revoke", null, FORM, "token=" + access + "&token_type_hint="
        + "access_token", basic(c));
    assertEquals(200, revoked.status(), revoked.toString());
    assertEquals(401, api.send("GET", "/api/v1/ping", access, null).status());
    assertEquals(200, api.send("POST", "/oauth2/revoke", null, FORM, "token=voa_unknown", basic(c)).status());
    assertError(401, "invalid_client", api.send("POST", "/oauth2/revoke", null, FORM, "token=x", Map.of()));
    assertError(400, "invalid_request", api.send("POST", "/oauth2/revoke", null, FORM, "", basic(c)));
    // a refresh token's revocation takes its access token with it (a confidential client, code flow)
    String code = code(c, "openid vireo.read", null);
    Api.Reply tokens = token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(REDIRECT), basic(c));
    assertEquals(200, tokens.status(), tokens.toString());
    assertEquals(200, api.send("POST", "/oauth2/revoke", null, FORM, "token=" + tokens.json().path("refresh_token")
        .asText(), basic(c)).status());
    assertEquals(401, api.send("GET", "/api/v1/ping", tokens.json().path("access_token").asText(), null).status());
    // deleting the client ends its tokens
    String last = token("grant_type=client_credentials", basic(c)).json().path("access_token").asText();
    assertEquals(204, api.send("DELETE", "/api/v1/oauth-clients/" + c.id(), admin, null).status());
    assertEquals(401, api.send("GET", "/api/v1/ping", last, null).status());
    assertEquals(404, api.send("GET", "/api/v1/oauth-clients/" + c.id(), admin, null).status());
  }

  @Test
  void aRotatedSigningKeyKeepsVerifyingUntilTheNextRotationAndSurvivesARestart() throws Exception {
    Client c = publicClient();
    String v = verifier();
    String before = exchange(c, code(c, "openid", v), REDIRECT, v).json().path("id_token").asText();
    String oldKid = kid(before);
    Api.Reply rotated = api.send("POST", "/api/v1/oauth-signing-keys/rotate", admin, "{\"reason\":\"drill\"}");
    assertEquals(200, rotated.status(), rotated.toString());
    String newKid = rotated.json().path("keyId").asText();
    assertEquals(oldKid, rotated.json().path("previousKeyId").asText());
    assertNotEquals(oldKid, newKid);
    String w = verifier();
    String after = exchange(c, code(c, "openid", w), REDIRECT, w).json().path("id_token").asText();
    assertEquals(newKid, kid(after), "new tokens are signed with the new key");
    assertTrue(verifiesWithTheJwks(before), "a token signed before the rotation still verifies");
    assertTrue(verifiesWithTheJwks(after));
    JsonNode keys = api.send("GET", "/api/v1/oauth-signing-keys", admin, null).json();
    assertEquals(2, keys.path("total").asInt(), keys.toString());
    assertEquals(newKid, keys.at("/items/0/keyId").asText());
    assertTrue(keys.at("/items/0/current").asBoolean());
    assertFalse(keys.at("/items/1/current").asBoolean());

    server.close();
    server = dev.vireo.tests.support.TestServer.start(dir); // the same data directory
    api = server.api();
    admin = server.login();
    assertTrue(verifiesWithTheJwks(before) && verifiesWithTheJwks(after), "both keys are published after a restart");

    assertEquals(422, api.send("POST", "/api/v1/oauth-signing-keys/rotate", admin, "{\"reason\":\"" + "x".repeat(257)
        + "\"}").status(), "reason too long");
    assertEquals(200, api.send("POST", "/api/v1/oauth-signing-keys/rotate", admin, "{}").status());
    assertFalse(verifiesWithTheJwks(before), "two rotations later the first key is gone");
    assertTrue(verifiesWithTheJwks(after), "the second key now only verifies");
    JsonNode logged = api.send("GET", "/api/v1/operation-logs?limit=50", admin, null).json();
    assertTrue(logged.toString().contains("drill"), "the rotation's reason is in the operation log");
  }

  private static String kid(String jwt) throws Exception {
    return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asText();
  }

  /** Whether the JWK Set holds the key {@code jwt} names and its RS256 signature verifies with it. */
  private static boolean verifiesWithTheJwks(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    for (JsonNode key : api.send("GET", "/oauth2/jwks", null, null).json().path("keys")) {
      if (key.path("kid").asText().equals(kid(jwt))) {
        RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
            new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pub);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
      }
    }
    return false;
  }

  @Test
  void discoveryAndJwksVerifyTheIdTokenSignature() throws Exception {
    JsonNode config = api.send("GET", "/.well-known/openid-configuration", null, null).json();
    String issuer = server.baseUrl().replaceAll("/+$", "");
    assertEquals(issuer, config.path("issuer").asText());
    assertEquals(issuer + "/oauth2/token", config.path("token_endpoint").asText());
    assertTrue(config.path("code_challenge_methods_supported").toString().contains("S256"));
    String jwksPath = config.path("jwks_uri").asText().substring(issuer.length());
    JsonNode key = api.send("GET", jwksPath, null, null).json().path("keys").path(0);
    assertEquals("RSA", key.path("kty").asText());
    RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));

    Client c = publicClient();
    String v = verifier();
    String idToken = exchange(c, code(c, "openid email", v), REDIRECT, v).json().path("id_token").asText();
    String[] parts = idToken.split("\\.");
    assertEquals(3, parts.length, idToken);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(pub);
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "the ID token verifies with the JWKS key");
    JsonNode header = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals(key.path("kid").asText(), header.path("kid").asText());
    JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals(issuer, claims.path("iss").asText());
    assertEquals(c.id(), claims.path("aud").asText());
    assertEquals("acc-admin", claims.path("sub").asText());
    assertEquals("nonce-7", claims.path("nonce").asText());
    long now = System.currentTimeMillis() / 1000;
    assertTrue(claims.path("iat").asLong() <= now + 5 && claims.path("exp").asLong() > now, claims.toString());
    // a tampered payload does not verify
    rsa.initVerify(pub);
    rsa.update((parts[0] + "." + parts[1] + "x").getBytes(StandardCharsets.US_ASCII));
    assertFalse(rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
    // the access token of an openid-only grant does not open the REST API
    String openidOnly = exchange(c, code(c, "openid", v), REDIRECT, v).json().path("access_token").asText();
    Api.Reply api403 = api.send("GET", "/api/v1/vms", openidOnly, null);
    assertEquals(403, api403.status(), api403.toString());
    assertEquals("insufficient_scope", api403.json().path("code").asText());
  }

  @Test
  void freezingOrDeletingTheRegisteringAccountStopsItsClient() throws Exception {
    Api.Reply created = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"ops-oauth@example.com\","
        + "\"password\":\"Ops-pass12\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-admin\"],"
        + "\"mustChangePassword\":false}");
    assertEquals(201, created.status(), created.toString());
    String accountId = created.json().path("id").asText();
    String ops = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"ops-oauth@example.com\","
        + "\"password\":\"Ops-pass12\"}").json().path("token").asText();
    Client c = register(ops, true, "[\"client_credentials\"]", "[\"vireo.read\"]");
    String access = token("grant_type=client_credentials", basic(c)).json().path("access_token").asText();
    assertEquals("ops-oauth@example.com", api.send("GET", "/api/v1/auth/account", access, null).json()
        .path("login").asText());
    assertEquals(200, api.send("POST", "/api/v1/accounts/" + accountId + "/freeze", admin, null).status());
    assertEquals(401, api.send("GET", "/api/v1/ping", access, null).status(), "a frozen account's client stops");
    assertEquals(200, api.send("POST", "/api/v1/accounts/" + accountId + "/unfreeze", admin, null).status());
    assertEquals(200, api.send("GET", "/api/v1/ping", access, null).status());
    assertEquals(204, api.send("DELETE", "/api/v1/accounts/" + accountId, admin, null).status());
    assertEquals(401, api.send("GET", "/api/v1/ping", access, null).status(), "a deleted account's client stops");
    assertEquals(404, api.send("GET", "/api/v1/oauth-clients/" + c.id(), admin, null).status(),
        "the client goes with its account");
  }

  @Test
  void registrationValidatesAndKeepsOnlyTheSecretsHash() throws Exception {
    String[][] bad = {
        {"{\"name\":\"x\",\"redirectUris\":[\"https://app.example.com/cb#frag\"]}", "redirectUris[0]"},
        {"{\"name\":\"x\",\"redirectUris\":[\"http://app.example.com/cb\"]}", "redirectUris[0]"},
        {"{\"name\":\"x\",\"redirectUris\":[\"/relative\"]}", "redirectUris[0]"},
        {"{\"name\":\"x\"}", "redirectUris"},
        {"{\"name\":\"\",\"redirectUris\":[\"https://a.example.com/\"]}", "name"},
        {"{\"name\":\"x\",\"confidential\":false,\"grantTypes\":[\"client_credentials\"]}", "grantTypes"},
        {"{\"name\":\"x\",\"grantTypes\":[\"password\"]}", "grantTypes[0]"},
        {"{\"name\":\"x\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"root\"]}", "scopes[0]"}};
    for (String[] b : bad) {
      Api.Reply r = api.send("POST", "/api/v1/oauth-clients", admin, b[0]);
      assertEquals(422, r.status(), b[0] + " -> " + r);
      assertEquals(b[1], r.json().path("field").asText(), b[0] + " -> " + r);
    }
    Client c = register(admin, true, "[\"client_credentials\"]", "[\"vireo.read\"]");
    JsonNode list = api.send("GET", "/api/v1/oauth-clients", admin, null).json();
    assertTrue(list.toString().contains(c.id()), list.toString());
    assertFalse(list.toString().contains(c.secret()), "the secret is shown only once");
    String access = token("grant_type=client_credentials", basic(c)).json().path("access_token").asText();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(server.dataDir().resolve("db"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    String secretHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(c.secret().getBytes(StandardCharsets.UTF_8)));
    boolean hashSeen = false;
    for (Path f : files) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertFalse(content.contains(c.secret()), f + " holds the client secret in clear");
      assertFalse(content.contains(access), f + " holds an access token in clear");
      hashSeen |= content.contains(secretHash);
    }
    assertTrue(hashSeen, "the secret's hash was not found in the database files");
    // the client routes need the permission: a read-only account may list but not create
    Api.Reply ro = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"ro-oauth@example.com\",\"password\":"
        + "\"Reader-pass1\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],\"mustChangePassword\":false}");
    assertEquals(201, ro.status(), ro.toString());
    String roToken = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"ro-oauth@example.com\","
        + "\"password\":\"Reader-pass1\"}").json().path("token").asText();
    assertEquals(200, api.send("GET", "/api/v1/oauth-clients", roToken, null).status());
    Api.Reply refused = api.send("POST", "/api/v1/oauth-clients", roToken, "{\"name\":\"x\"}");
    assertEquals(403, refused.status(), refused.toString());
    assertTrue(refused.json().path("message").asText().contains("oauth-clients:create"), refused.toString());
  }
}
