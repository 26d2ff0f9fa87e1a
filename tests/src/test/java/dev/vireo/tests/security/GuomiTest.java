package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.ApiKey;
import dev.vireo.api.signing.RequestSigner;
import dev.vireo.api.signing.SigningAlgorithm;
import dev.vireo.server.auth.twofactor.Totp;
import dev.vireo.server.seal.SealingAlgorithm;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.MovableClock;
import dev.vireo.tests.support.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 国密 where it fits (docs/guomi.md, ADR 0049) on a real server: requests signed with
 * VIREO-HMAC-SM3 are accepted and checked like VIREO-HMAC-SHA256 ones (a changed byte, an old date,
 * a replay and a SHA-256 signature under the SM3 scheme are refused); with {@code [security] sealing
 * = sm4-gcm} new API key and TOTP secrets are stored SM4-GCM sealed, survive a restart on the same
 * database, and secrets sealed with AES-256-GCM before the switch still work.
 */
class GuomiTest {
  private static final String PASSWORD = "Guomi-pass-1";
  private static final String KEY_SQL = "SELECT secret_sealed FROM api_keys WHERE access_key = :key";
  private static final String TOTP_SQL = "SELECT secret_sealed FROM account_totp WHERE account_id = :key";

  @TempDir
  Path dir;

  private static VireoClient signed(TestServer server, ApiKey key, SigningAlgorithm algorithm) {
    return VireoClient.builder(URI.create(server.baseUrl()), server.fingerprint())
        .withApiKey(key.accessKey(), key.secret(), algorithm).build();
  }

  /** A raw SM3-signed request: signed over {@code signedBody} and {@code date}, sending {@code body}. */
  private static Api.Reply sm3(TestServer server, ApiKey key, String method, String path, String signedBody,
      String body, Instant date, String nonce) throws Exception {
    URI uri = URI.create(server.baseUrl() + path);
    String d = RequestSigner.formatDate(date);
    RequestSigner.Signed s = RequestSigner.sign(SigningAlgorithm.SM3, key.accessKey(), key.secret(),
        new RequestSigner.Input(method, uri.getPath(), uri.getRawQuery(), RequestSigner.hostOf(uri), d, nonce,
            signedBody == null ? new byte[0] : signedBody.getBytes(StandardCharsets.UTF_8)));
    assertTrue(s.authorization().startsWith("VIREO-HMAC-SM3 Credential="), s.authorization());
    return server.api().send(method, path, null, body == null ? null : "application/json", body, Map.of(
        "Authorization", s.authorization(), RequestSigner.DATE_HEADER, d, RequestSigner.NONCE_HEADER, nonce));
  }

  private static void refused(Api.Reply r, String why) {
    assertEquals(401, r.status(), r.toString());
    assertEquals("unauthorized", r.json().path("code").asText(), r.toString());
    assertTrue(r.json().path("message").asText().contains(why), "expected '" + why + "' in " + r);
  }

  private static String nonce() {
    return UUID.randomUUID().toString();
  }

  @Test
  void sm3SignedRequestsAreAcceptedAndAChangedByteAnOldDateOrAReplayIsRefused() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      String admin = server.login();
      VireoClient adminClient = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), admin);
      ApiKey key = adminClient.accounts().createApiKey("admin", "sm3");
      // the SDK signs GETs with a query, POSTs with a body
      VireoClient client = signed(server, key, SigningAlgorithm.SM3);
      assertEquals("admin", client.accounts().current().login());
      assertTrue(client.listRegions().total() >= 1);
      assertEquals("sm3-role", client.accounts().createRole(new dev.vireo.api.model.RoleRequest("sm3-role", null,
          List.of("vms:read"))).name());
      // the same key signs with SHA-256 too: the scheme of each request says which
      assertEquals("admin", signed(server, key, SigningAlgorithm.SHA256).accounts().current().login());

      String body = "{\"name\":\"sm3-raw\",\"permissions\":[\"vms:read\"]}";
      Api.Reply ok = sm3(server, key, "POST", "/api/v1/roles", body, body, Instant.now(), nonce());
      assertEquals(201, ok.status(), ok.toString());
      String changed = body.replace("vms:read", "vms:reax");
      refused(sm3(server, key, "POST", "/api/v1/roles", body, changed, Instant.now(), nonce()),
          "signature does not match");
      refused(sm3(server, key, "GET", "/api/v1/ping", null, null, Instant.now().minusSeconds(400), nonce()),
          "more than 300 s");
      String once = nonce();
      assertEquals(200, sm3(server, key, "GET", "/api/v1/ping", null, null, Instant.now(), once).status());
      refused(sm3(server, key, "GET", "/api/v1/ping", null, null, Instant.now(), once), "already used");

      // a SHA-256 signature sent under the SM3 scheme does not verify
      String d = RequestSigner.formatDate(Instant.now());
      String n = nonce();
      URI uri = URI.create(server.baseUrl() + "/api/v1/ping");
      String sha = RequestSigner.sign(key.accessKey(), key.secret(), new RequestSigner.Input("GET", uri.getPath(),
          null, RequestSigner.hostOf(uri), d, n, new byte[0])).signature();
      refused(server.api().send("GET", "/api/v1/ping", null, null, null, Map.of("Authorization",
          RequestSigner.authorization(SigningAlgorithm.SM3, key.accessKey(), sha), RequestSigner.DATE_HEADER, d,
          RequestSigner.NONCE_HEADER, n)), "signature does not match");
    }
  }

  @Test
  void secretsSealedWithSm4SurviveARestartAndThoseSealedWithAesBeforeTheSwitchStillOpen() throws Exception {
    MovableClock clock = new MovableClock();
    ApiKey aesKey;
    try (TestServer server = TestServer.start(dir, c -> c, clock)) {
      String admin = server.login();
      aesKey = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), admin).accounts()
          .createApiKey("admin", "before the switch");
      assertTrue(server.storedValue(KEY_SQL, aesKey.accessKey()).startsWith("aes-256-gcm:"),
          "the default stays AES-256-GCM");
    }

    ApiKey sm4Key;
    String accountId;
    byte[] totpSecret;
    try (TestServer server = TestServer.start(dir, c -> c.withSealing(SealingAlgorithm.SM4_GCM), clock)) {
      assertEquals("admin", signed(server, aesKey, SigningAlgorithm.SHA256).accounts().current().login(),
          "a secret sealed with AES-256-GCM before the switch still opens");
      String admin = server.login();
      VireoClient adminClient = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), admin);
      sm4Key = adminClient.accounts().createApiKey("admin", "after the switch");
      String sealedKey = server.storedValue(KEY_SQL, sm4Key.accessKey());
      assertTrue(sealedKey.startsWith("sm4-gcm:"), sealedKey);
      assertFalse(sealedKey.contains(sm4Key.secret()));
      assertEquals("admin", signed(server, sm4Key, SigningAlgorithm.SM3).accounts().current().login());

      // a TOTP secret enrolled now is SM4-GCM sealed too
      Api.Reply created = server.api().send("POST", "/api/v1/accounts", admin, "{\"email\":\"sm4@example.com\","
          + "\"password\":\"" + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],"
          + "\"mustChangePassword\":false}");
      assertEquals(201, created.status(), created.toString());
      accountId = created.json().path("id").asText();
      String own = login(server, "").json().path("token").asText();
      Api.Reply enrol = server.api().send("POST", "/api/v1/auth/totp", own, null);
      assertEquals(200, enrol.status(), enrol.toString());
      totpSecret = Totp.fromBase32(enrol.json().path("secret").asText());
      Api.Reply confirm = server.api().send("POST", "/api/v1/auth/totp/confirm", own, "{\"code\":\""
          + Totp.code(totpSecret, Totp.step(clock.instant())) + "\"}");
      assertEquals(200, confirm.status(), confirm.toString());
      String sealedTotp = server.storedValue(TOTP_SQL, accountId);
      assertTrue(sealedTotp.startsWith("sm4-gcm:"), sealedTotp);
      assertFalse(sealedTotp.contains(Totp.base32(totpSecret)));
    }

    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS * 2L));
    try (TestServer server = TestServer.start(dir, c -> c.withSealing(SealingAlgorithm.SM4_GCM), clock)) {
      assertEquals("admin", signed(server, sm4Key, SigningAlgorithm.SM3).accounts().current().login(),
          "the SM4-sealed API key secret opens after the restart");
      assertEquals("admin", signed(server, aesKey, SigningAlgorithm.SM3).accounts().current().login());
      Api.Reply in = login(server, ",\"totpCode\":\"" + Totp.code(totpSecret, Totp.step(clock.instant())) + "\"");
      assertEquals(200, in.status(), "the SM4-sealed TOTP secret opens after the restart: " + in);
      assertTrue(server.storedValue(KEY_SQL, sm4Key.accessKey()).startsWith("sm4-gcm:"));
      assertTrue(server.storedValue(KEY_SQL, aesKey.accessKey()).startsWith("aes-256-gcm:"),
          "old values are not rewritten; only new ones use SM4");
    }

    // and back: the default server opens what SM4 sealed
    try (TestServer server = TestServer.start(dir, c -> c, clock)) {
      assertEquals("admin", signed(server, sm4Key, SigningAlgorithm.SHA256).accounts().current().login());
    }
  }

  private static Api.Reply login(TestServer server, String extra) throws Exception {
    return server.api().send("POST", "/api/v1/auth/login", null, "{\"username\":\"sm4@example.com\","
        + "\"password\":\"" + PASSWORD + "\"" + extra + "}");
  }
}
