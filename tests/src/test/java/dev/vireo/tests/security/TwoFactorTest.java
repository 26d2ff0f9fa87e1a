package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.server.auth.twofactor.Totp;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.MovableClock;
import dev.vireo.tests.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOTP two-factor login on a real server (white paper 5.2.2, ADR 0041), with an authenticator
 * app played by RFC 6238 itself on the server's movable clock: enrolment, confirmation and its
 * recovery codes, logins that need a code, codes refused when wrong, expired or used twice in
 * their step, one-time recovery codes, the administrator's reset and turning it off.
 */
class TwoFactorTest {
  private static final String PASSWORD = "Twofactor-pass1";
  private static final MovableClock CLOCK = new MovableClock();

  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, c -> c, CLOCK);
    api = server.api();
    admin = server.login();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String account(String email) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-admin\"],\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static Api.Reply login(String email, String extra) throws Exception {
    return api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\"" + extra + "}");
  }

  private static String code(byte[] secret, long stepOffset) {
    return Totp.code(secret, Totp.step(CLOCK.instant()) + stepOffset);
  }

  private static void refused(int status, String code, Api.Reply r) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(code, r.json().path("code").asText(), r.toString());
    assertFalse(r.json().path("message").asText().isBlank(), r.toString());
  }

  /** Enrols and confirms; answers the secret and the recovery codes. */
  private static Object[] enrol(String token) throws Exception {
    Api.Reply e = api.send("POST", "/api/v1/auth/totp", token, null);
    assertEquals(200, e.status(), e.toString());
    byte[] secret = Totp.fromBase32(e.json().path("secret").asText());
    Api.Reply c = api.send("POST", "/api/v1/auth/totp/confirm", token, "{\"code\":\"" + code(secret, 0) + "\"}");
    assertEquals(200, c.status(), c.toString());
    List<String> codes = new ArrayList<>();
    c.json().path("codes").forEach(n -> codes.add(n.asText()));
    return new Object[] {secret, codes};
  }

  @Test
  void anEnrolledAccountLogsInOnlyWithAFreshCodeOrAnUnusedRecoveryCode() throws Exception {
    String email = "tf@example.com";
    String id = account(email);
    String token = login(email, "").json().path("token").asText();

    Api.Reply e = api.send("POST", "/api/v1/auth/totp", token, null);
    assertEquals(200, e.status(), e.toString());
    JsonNode enrolment = e.json();
    String secretText = enrolment.path("secret").asText();
    assertEquals(32, secretText.length(), enrolment.toString());
    assertEquals("otpauth://totp/Vireo:tf%40example.com?secret=" + secretText
        + "&issuer=Vireo&algorithm=SHA1&digits=6&period=30", enrolment.path("otpauthUri").asText());
    assertTrue(enrolment.path("qrCodeSvg").asText().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    byte[] secret = Totp.fromBase32(secretText);
    assertEquals(200, login(email, "").status(), "an unconfirmed enrolment asks for no code yet");

    refused(400, "invalid", api.send("POST", "/api/v1/auth/totp/confirm", token, "{\"code\":\"12ab\"}"));
    String wrong = code(secret, 0).equals("000000") ? "000001" : "000000";
    refused(401, "totp_invalid", api.send("POST", "/api/v1/auth/totp/confirm", token, "{\"code\":\"" + wrong
        + "\"}"));
    String first = code(secret, 0);
    Api.Reply confirmed = api.send("POST", "/api/v1/auth/totp/confirm", token, "{\"code\":\"" + first + "\"}");
    assertEquals(200, confirmed.status(), confirmed.toString());
    List<String> recovery = new ArrayList<>();
    confirmed.json().path("codes").forEach(n -> recovery.add(n.asText()));
    assertEquals(10, new HashSet<>(recovery).size(), recovery.toString());
    refused(409, "conflict", api.send("POST", "/api/v1/auth/totp", token, null));

    Api.Reply noCode = login(email, "");
    refused(401, "totp_required", noCode);
    assertEquals("totpCode", noCode.json().path("field").asText());
    refused(401, "totp_reused", login(email, ",\"totpCode\":\"" + first + "\""));

    CLOCK.advance(Duration.ofSeconds(30));
    String now = code(secret, 0);
    Api.Reply in = login(email, ",\"totpCode\":\"" + now + "\"");
    assertEquals(200, in.status(), in.toString());
    refused(401, "totp_reused", login(email, ",\"totpCode\":\"" + now + "\""));
    refused(401, "totp_expired", login(email, ",\"totpCode\":\"" + code(secret, -5) + "\""));
    refused(401, "totp_invalid", login(email, ",\"totpCode\":\"" + (now.equals("999999") ? "999998" : "999999")
        + "\""));
    refused(400, "invalid", login(email, ",\"totpCode\":\"12345\""));

    // one step of drift either way is accepted, each step once
    CLOCK.advance(Duration.ofSeconds(60));
    assertEquals(200, login(email, ",\"totpCode\":\"" + code(secret, -1) + "\"").status(), "the previous step");
    assertEquals(200, login(email, ",\"totpCode\":\"" + code(secret, 1) + "\"").status(), "the next step");
    refused(401, "totp_reused", login(email, ",\"totpCode\":\"" + code(secret, 0) + "\""));

    Api.Reply byRecovery = login(email, ",\"recoveryCode\":\"" + recovery.get(3).toUpperCase() + "\"");
    assertEquals(200, byRecovery.status(), byRecovery.toString());
    refused(401, "recovery_code_invalid", login(email, ",\"recoveryCode\":\"" + recovery.get(3) + "\""));
    refused(401, "recovery_code_invalid", login(email, ",\"recoveryCode\":\"not-a-code\""));
    // a wrong password is the same 401 as ever, whatever the second factor
    Api.Reply badPassword = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email
        + "\",\"password\":\"Not-the-pass1\",\"totpCode\":\"" + code(secret, 0) + "\"}");
    refused(401, "unauthorized", badPassword);

    // neither the secret nor a recovery code is in the database files as written
    try (Stream<Path> walk = Files.walk(server.dataDir().resolve("db"))) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(secretText), f + " holds the TOTP secret in clear");
        for (String r : recovery) {
          assertFalse(content.contains(r), f + " holds a recovery code in clear");
        }
      }
    }
    assertTrue(Files.exists(server.dataDir().resolve("totp-key")), "the sealing key lives with the other secrets");

    // the administrator resets a lost device: the password alone works again
    assertEquals(204, api.send("DELETE", "/api/v1/accounts/" + id + "/totp", admin, null).status());
    assertEquals(200, login(email, "").status());
    assertEquals(404, api.send("DELETE", "/api/v1/accounts/acc-nobody/totp", admin, null).status());
  }

  @Test
  void theAccountTurnsItOffWithItsPasswordAndOnlyAdministratorsResetOthers() throws Exception {
    String email = "off@example.com";
    account(email);
    String token = login(email, "").json().path("token").asText();
    Object[] enrolled = enrol(token);
    byte[] secret = (byte[]) enrolled[0];
    refused(401, "totp_required", login(email, ""));
    Api.Reply bad = api.send("POST", "/api/v1/auth/totp/disable", token, "{\"currentPassword\":\"Wrong-pass1\"}");
    refused(422, "invalid", bad);
    assertEquals("currentPassword", bad.json().path("field").asText());
    assertEquals(204, api.send("POST", "/api/v1/auth/totp/disable", token, "{\"currentPassword\":\"" + PASSWORD
        + "\"}").status());
    assertEquals(200, login(email, "").status(), "off: the password alone");
    refused(409, "conflict", api.send("POST", "/api/v1/auth/totp/disable", token, "{\"currentPassword\":\""
        + PASSWORD + "\"}"));
    assertTrue(secret.length == 20);

    Api.Reply ro = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"ro2fa@example.com\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],\"mustChangePassword\":false}");
    assertEquals(201, ro.status(), ro.toString());
    String roToken = login("ro2fa@example.com", "").json().path("token").asText();
    Api.Reply reset = api.send("DELETE", "/api/v1/accounts/acc-admin/totp", roToken, null);
    assertEquals(403, reset.status(), reset.toString());
    assertTrue(reset.json().path("message").asText().contains("accounts:reset-totp"), reset.toString());
  }

  @Test
  void theSdkEnrolsLogsInWithACodeAndManagesAllowListsAndSessions() throws Exception {
    String email = "sdk@example.com";
    String id = account(email);
    java.net.URI uri = java.net.URI.create(server.baseUrl());
    dev.vireo.api.client.VireoClient user = new dev.vireo.api.client.VireoClient(uri, server.fingerprint(), null);
    user.login(email, PASSWORD);
    dev.vireo.api.model.TotpEnrolment e = user.accounts().enrolTotp();
    byte[] secret = Totp.fromBase32(e.secret());
    assertEquals(10, user.accounts().confirmTotp(code(secret, 0)).codes().size());
    CLOCK.advance(Duration.ofSeconds(30));
    dev.vireo.api.client.VireoClient again = new dev.vireo.api.client.VireoClient(uri, server.fingerprint(), null);
    dev.vireo.api.client.ApiException missing = org.junit.jupiter.api.Assertions.assertThrows(
        dev.vireo.api.client.ApiException.class, () -> again.login(email, PASSWORD));
    assertEquals(401, missing.status());
    again.login(new dev.vireo.api.model.LoginRequest(email, PASSWORD, code(secret, 0), null));
    assertEquals(email, again.accounts().current().login());

    dev.vireo.api.client.VireoClient root = new dev.vireo.api.client.VireoClient(uri, server.fingerprint(), admin);
    assertEquals(List.of("127.0.0.0/8", "::1"), root.accounts().setIpAllowList(id, List.of("127.0.0.0/8", "::1"))
        .entries());
    assertEquals(List.of("127.0.0.0/8", "::1"), root.accounts().ipAllowList(id).entries());
    assertEquals(2, root.accounts().sessions(id).total());
    root.accounts().revokeSessions(id, root.accounts().sessions(id).items().get(0).id());
    assertEquals(1, root.accounts().sessions(id).total());
    root.accounts().revokeSessions(id, null);
    assertEquals(0, root.accounts().sessions(id).total());
    root.accounts().resetTotp(id);
    new dev.vireo.api.client.VireoClient(uri, server.fingerprint(), null).login(email, PASSWORD);
  }
}
