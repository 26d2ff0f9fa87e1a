package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.MovableClock;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Console security (white paper 7.1) on a real server whose clock the test moves: lockout after
 * failed logins, password rules, frozen accounts, password expiry forcing a change, idle logout,
 * single-session login, and revocation on password change; settings out of range are refused
 * naming the field. The expiry test runs last (it ages every password). Each test logs the administrator in afresh (moving the clock idles tokens).
 */
@Isolated
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConsoleSecurityTest {
  private static final String PASSWORD = "Console-pass1";
  private static final MovableClock CLOCK = new MovableClock();

  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, c -> c, CLOCK);
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String settings(int threshold, int lockMinutes, boolean singleSession) {
    return "{\"lockoutEnabled\":true,\"lockoutThreshold\":" + threshold + ",\"lockoutMinutes\":" + lockMinutes
        + ",\"passwordMinLength\":8,\"passwordMaxLength\":30,\"passwordMinCharClasses\":2,\"passwordExpiryDays\":90,"
        + "\"forceChangeOnExpiry\":true,\"forceChangeNonCompliant\":true,\"idleTimeoutMinutes\":30,"
        + "\"singleSession\":" + singleSession + "}";
  }

  private static String create(String email) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", server.login(), "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static Api.Reply login(String email, String password) throws Exception {
    return api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\""
        + password + "\"}");
  }

  private static String token(String email) throws Exception {
    Api.Reply r = login(email, PASSWORD);
    assertEquals(200, r.status(), r.toString());
    return r.json().path("token").asText();
  }

  private static int ping(String token) throws Exception {
    return api.send("GET", "/api/v1/vms", token, null).status();
  }

  @Test
  void repeatedFailedLoginsLockTheAccountForTheConfiguredTime() throws Exception {
    assertEquals(200, api.send("PUT", "/api/v1/settings/security", server.login(), settings(3, 15, false)).status());
    create("lock@example.com");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login("lock@example.com", "Wrong-pass9").status());
    }
    Api.Reply locked = login("lock@example.com", PASSWORD);
    assertEquals(401, locked.status());
    assertEquals("locked", locked.json().path("code").asText(), locked.toString());
    CLOCK.advance(Duration.ofMinutes(16));
    assertEquals(200, login("lock@example.com", PASSWORD).status(), "unlocked after the lockout time");
    assertEquals(200, api.send("PUT", "/api/v1/settings/security", server.login(), settings(5, 30, false)).status());
  }

  @Test
  void passwordsFollowTheLengthAndComplexityRules() throws Exception {
    String admin = server.login();
    for (String bad : new String[] {"Ab1", "alllowercase", "Has space1", "Tab\u00e9letter1", "A1234567890123456789012345678901"}) {
      Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"rules@example.com\",\"password\":\""
          + bad + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"]}");
      assertEquals(422, r.status(), bad + ": " + r);
      assertEquals("password", r.json().path("field").asText(), r.toString());
    }
    create("rules@example.com");
    String token = token("rules@example.com");
    Api.Reply unchanged = api.send("POST", "/api/v1/auth/password", token, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newPassword\":\"nodigits\"}");
    assertEquals(422, unchanged.status());
    assertEquals("newPassword", unchanged.json().path("field").asText());
    Api.Reply wrong = api.send("POST", "/api/v1/auth/password", token, "{\"currentPassword\":\"Not-it1\","
        + "\"newPassword\":\"Good-pass2\"}");
    assertEquals("currentPassword", wrong.json().path("field").asText());
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheField() throws Exception {
    String admin = server.login();
    String[][] cases = {{"lockoutMinutes", "14"}, {"lockoutMinutes", "1441"}, {"idleTimeoutMinutes", "14"},
        {"idleTimeoutMinutes", "1441"}, {"passwordMinLength", "5"}, {"passwordMaxLength", "31"},
        {"passwordMinCharClasses", "5"}, {"passwordExpiryDays", "0"}, {"lockoutThreshold", "0"}};
    for (String[] c : cases) {
      String body = settings(5, 30, false).replaceFirst("\"" + c[0] + "\":\\d+", "\"" + c[0] + "\":" + c[1]);
      Api.Reply r = api.send("PUT", "/api/v1/settings/security", admin, body);
      assertEquals(422, r.status(), c[0] + "=" + c[1] + ": " + r);
      assertEquals(c[0], r.json().path("field").asText(), r.toString());
    }
    assertEquals(400, api.send("PUT", "/api/v1/settings/security", admin, "{\"lockoutMinutes\":\"x\"}").status());
    assertEquals(30, api.send("GET", "/api/v1/settings/security", admin, null).json().path("idleTimeoutMinutes").asInt());
  }

  @Test
  void aFrozenAccountCannotLogInAndItsTokensStopWorking() throws Exception {
    String id = create("frozen@example.com");
    String token = token("frozen@example.com");
    assertEquals(200, ping(token));
    assertEquals(200, api.send("POST", "/api/v1/accounts/" + id + "/freeze", server.login(), null).status());
    assertEquals(401, ping(token), "the frozen account's token");
    Api.Reply r = login("frozen@example.com", PASSWORD);
    assertEquals(401, r.status());
    assertEquals("frozen", r.json().path("code").asText());
    assertEquals(409, api.send("POST", "/api/v1/accounts/" + id + "/freeze", server.login(), null).status());
    assertEquals(409, api.send("POST", "/api/v1/accounts/acc-admin/freeze", server.login(), null).status());
    assertEquals(200, api.send("POST", "/api/v1/accounts/" + id + "/unfreeze", server.login(), null).status());
    assertEquals(200, ping(token("frozen@example.com")));
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: 91 days on, the administrator's password has expired too
  void anExpiredPasswordMustBeChangedBeforeAnythingElse() throws Exception {
    create("expiry@example.com");
    assertFalse(login("expiry@example.com", PASSWORD).json().path("mustChangePassword").asBoolean());
    CLOCK.advance(Duration.ofDays(91));
    Api.Reply r = login("expiry@example.com", PASSWORD);
    assertTrue(r.json().path("mustChangePassword").asBoolean(), r.toString());
    String token = r.json().path("token").asText();
    assertEquals(403, ping(token));
    assertEquals(204, api.send("POST", "/api/v1/auth/password", token, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newPassword\":\"Renewed-pass2\"}").status());
    assertEquals(200, ping(token));
    assertFalse(login("expiry@example.com", "Renewed-pass2").json().path("mustChangePassword").asBoolean());
  }

  @Test
  void anIdleTokenIsLoggedOutAfterTheIdleTime() throws Exception {
    create("idle@example.com");
    String token = token("idle@example.com");
    CLOCK.advance(Duration.ofMinutes(20));
    assertEquals(200, ping(token), "20 minutes idle of 30");
    CLOCK.advance(Duration.ofMinutes(20));
    assertEquals(200, ping(token), "used 20 minutes ago");
    CLOCK.advance(Duration.ofMinutes(31));
    assertEquals(401, ping(token), "31 minutes idle");
  }

  @Test
  void singleSessionLogsTheOtherClientOut() throws Exception {
    create("single@example.com");
    assertEquals(200, api.send("PUT", "/api/v1/settings/security", server.login(), settings(5, 30, true)).status());
    try {
      String first = token("single@example.com");
      String second = token("single@example.com");
      assertEquals(401, ping(first));
      assertEquals(200, ping(second));
    } finally {
      assertEquals(200, api.send("PUT", "/api/v1/settings/security", server.login(), settings(5, 30, false)).status());
    }
  }

  @Test
  void aPasswordChangeOrLogoutRevokesTokens() throws Exception {
    create("revoke@example.com");
    String first = token("revoke@example.com");
    String second = token("revoke@example.com");
    assertEquals(204, api.send("POST", "/api/v1/auth/password", second, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newPassword\":\"Another-pass3\"}").status());
    assertEquals(401, ping(first), "the other token");
    assertEquals(200, ping(second), "the token that changed it");
    assertEquals(204, api.send("POST", "/api/v1/auth/logout", second, null).status());
    assertEquals(401, ping(second));
  }
}
