package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.ServerPerClass;
import org.junit.jupiter.api.Test;

/**
 * An account's sessions on a real server (ADR 0041): an administrator lists them (never a token)
 * and revokes one or all; a password change revokes the other sessions; the own login e-mail
 * changes with the current password and the token in use goes on.
 */
class AccountSessionsTest extends ServerPerClass {
  private static final String PASSWORD = "Sessions-pass1";

  private static String account(String email) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static String login(String email, String password) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\""
        + password + "\"}");
    assertEquals(200, r.status(), r.toString());
    return r.json().path("token").asText();
  }

  private static int ping(String token) throws Exception {
    return api.send("GET", "/api/v1/ping", token, null).status();
  }

  @Test
  void anAdministratorListsAndRevokesAnAccountsSessions() throws Exception {
    String id = account("sess@example.com");
    String a = login("sess@example.com", PASSWORD);
    String b = login("sess@example.com", PASSWORD);
    String c = login("sess@example.com", PASSWORD);
    Api.Reply list = api.send("GET", "/api/v1/accounts/" + id + "/sessions", admin, null);
    assertEquals(200, list.status(), list.toString());
    JsonNode page = list.json();
    assertEquals(3, page.path("total").asInt(), page.toString());
    for (JsonNode s : page.path("items")) {
      assertEquals("127.0.0.1", s.path("sourceIp").asText(), s.toString());
      assertFalse(s.path("current").asBoolean(), "the administrator's own token is not among them");
      assertEquals(16, s.path("id").asText().length());
    }
    for (String token : new String[] {a, b, c}) {
      assertFalse(list.body().contains(token), "a listing never shows a token");
    }
    String newest = page.at("/items/0/id").asText();
    assertEquals(204, api.send("DELETE", "/api/v1/accounts/" + id + "/sessions/" + newest, admin, null).status());
    assertEquals(401, ping(c), "the newest session, revoked");
    assertEquals(200, ping(a));
    assertEquals(404, api.send("DELETE", "/api/v1/accounts/" + id + "/sessions/" + newest, admin, null).status());
    assertEquals(204, api.send("DELETE", "/api/v1/accounts/" + id + "/sessions", admin, null).status());
    assertEquals(401, ping(a));
    assertEquals(401, ping(b));
    assertEquals(0, api.send("GET", "/api/v1/accounts/" + id + "/sessions", admin, null).json().path("total").asInt());
    // a read-only account may list, not revoke
    String ro = login("sess@example.com", PASSWORD);
    assertEquals(200, api.send("GET", "/api/v1/accounts/" + id + "/sessions", ro, null).status());
    Api.Reply refused = api.send("DELETE", "/api/v1/accounts/" + id + "/sessions", ro, null);
    assertEquals(403, refused.status(), refused.toString());
    assertTrue(refused.json().path("message").asText().contains("accounts:revoke-sessions"));
    JsonNode own = api.send("GET", "/api/v1/accounts/" + id + "/sessions", ro, null).json();
    assertTrue(own.at("/items/0/current").asBoolean(), own.toString());
  }

  @Test
  void aPasswordChangeRevokesTheOtherSessions() throws Exception {
    account("pw@example.com");
    String kept = login("pw@example.com", PASSWORD);
    String other = login("pw@example.com", PASSWORD);
    assertEquals(204, api.send("POST", "/api/v1/auth/password", kept, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newPassword\":\"Changed-pass2\"}").status());
    assertEquals(200, ping(kept));
    assertEquals(401, ping(other));
  }

  @Test
  void theOwnLoginEmailChangesWithTheCurrentPassword() throws Exception {
    account("old@example.com");
    String token = login("old@example.com", PASSWORD);
    Api.Reply wrong = api.send("POST", "/api/v1/auth/email", token, "{\"currentPassword\":\"Wrong-pass1\","
        + "\"newEmail\":\"new@example.com\"}");
    assertEquals(422, wrong.status(), wrong.toString());
    assertEquals("currentPassword", wrong.json().path("field").asText());
    Api.Reply bad = api.send("POST", "/api/v1/auth/email", token, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newEmail\":\"not-an-address\"}");
    assertEquals(422, bad.status(), bad.toString());
    assertEquals("newEmail", bad.json().path("field").asText());
    account("taken@example.com");
    assertEquals(409, api.send("POST", "/api/v1/auth/email", token, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newEmail\":\"taken@example.com\"}").status());
    Api.Reply changed = api.send("POST", "/api/v1/auth/email", token, "{\"currentPassword\":\"" + PASSWORD
        + "\",\"newEmail\":\"New@Example.com\"}");
    assertEquals(200, changed.status(), changed.toString());
    assertEquals("new@example.com", changed.json().path("login").asText());
    assertEquals("new@example.com", changed.json().path("email").asText());
    assertEquals(200, ping(token), "the token in use goes on");
    assertEquals("new@example.com", api.send("GET", "/api/v1/auth/account", token, null).json().path("login")
        .asText());
    login("new@example.com", PASSWORD);
    assertEquals(401, api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"old@example.com\","
        + "\"password\":\"" + PASSWORD + "\"}").status());
    Api.Reply builtIn = api.send("POST", "/api/v1/auth/email", admin, "{\"currentPassword\":\""
        + server.adminPassword() + "\",\"newEmail\":\"root@example.com\"}");
    assertEquals(422, builtIn.status(), builtIn.toString());
  }
}
