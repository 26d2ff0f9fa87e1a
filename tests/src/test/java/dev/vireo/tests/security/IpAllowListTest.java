package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.ServerPerClass;
import org.junit.jupiter.api.Test;

/**
 * The login IP allow-list on a real server (white paper 5.2.2, ADR 0041): with entries, an account
 * logs in and uses its token only from an address they contain (this test's client is 127.0.0.1),
 * IPv4 and IPv6 addresses and CIDR blocks; a bad entry is refused 400 naming it; empty means any.
 */
class IpAllowListTest extends ServerPerClass {
  private static final String PASSWORD = "Allowlist-pass1";

  private static Api.Reply login(String email, String password) throws Exception {
    return api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\"" + password
        + "\"}");
  }

  private static Api.Reply put(String id, String entries) throws Exception {
    return api.send("PUT", "/api/v1/accounts/" + id + "/ip-allow-list", admin, "{\"entries\":" + entries + "}");
  }

  @Test
  void anAccountWithAnAllowListLogsInAndCallsTheApiOnlyFromItsAddresses() throws Exception {
    Api.Reply created = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"ip@example.com\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-readonly\"],\"mustChangePassword\":false}");
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();
    Api.Reply empty = api.send("GET", "/api/v1/accounts/" + id + "/ip-allow-list", admin, null);
    assertEquals("{\"entries\":[]}", empty.body());
    String token = login("ip@example.com", PASSWORD).json().path("token").asText();
    assertEquals(200, api.send("GET", "/api/v1/vms", token, null).status());

    Api.Reply elsewhere = put(id, "[\"10.0.0.0/8\",\"2001:db8::/32\",\"192.0.2.7\"]");
    assertEquals(200, elsewhere.status(), elsewhere.toString());
    assertEquals("{\"entries\":[\"10.0.0.0/8\",\"2001:db8::/32\",\"192.0.2.7\"]}", elsewhere.body());
    Api.Reply call = api.send("GET", "/api/v1/vms", token, null);
    assertEquals(403, call.status(), "a token in use is held to the list on every request: " + call);
    assertEquals("ip_not_allowed", call.json().path("code").asText());
    assertTrue(call.json().path("message").asText().contains("127.0.0.1"), call.toString());
    assertEquals(403, api.send("GET", "/api/v1/auth/account", token, null).status(), "even its own account");
    Api.Reply in = login("ip@example.com", PASSWORD);
    assertEquals(403, in.status(), in.toString());
    assertEquals("ip_not_allowed", in.json().path("code").asText());
    Api.Reply wrong = login("ip@example.com", "Wrong-pass1");
    assertEquals(401, wrong.status(), "a wrong password tells nothing about the list: " + wrong);

    assertEquals(200, put(id, "[\"10.0.0.0/8\",\"127.0.0.0/8\",\"::1\"]").status());
    assertEquals(200, api.send("GET", "/api/v1/vms", token, null).status(), "127.0.0.1 is in 127.0.0.0/8");
    assertEquals(200, login("ip@example.com", PASSWORD).status());
    assertEquals(200, put(id, "[\"127.0.0.1\"]").status());
    assertEquals(200, login("ip@example.com", PASSWORD).status(), "a single address");
    assertEquals(200, put(id, "[]").status());
    assertEquals(200, login("ip@example.com", PASSWORD).status(), "empty: anywhere");
  }

  @Test
  void badEntriesAreRefused400NamingTheEntry() throws Exception {
    String id = "acc-admin";
    String[][] cases = {{"[\"10.0.0.1\",\"300.1.1.1\"]", "entries[1]"}, {"[\"fe80::/200\"]", "entries[0]"},
        {"[\"127.0.0.1\",\"::1\",\"intranet.example.com\"]", "entries[2]"}, {"[\"10.0.0.0/x\"]", "entries[0]"}};
    for (String[] c : cases) {
      Api.Reply r = put(id, c[0]);
      assertEquals(400, r.status(), c[0] + " -> " + r);
      assertEquals(c[1], r.json().path("field").asText(), r.toString());
      assertTrue(r.json().path("message").asText().startsWith(c[1] + ": '"), r.toString());
    }
    Api.Reply missing = api.send("PUT", "/api/v1/accounts/" + id + "/ip-allow-list", admin, "{}");
    assertEquals(400, missing.status(), missing.toString());
    assertEquals("entries", missing.json().path("field").asText());
    // the caller does not shut itself out
    Api.Reply self = put(id, "[\"10.0.0.0/8\"]");
    assertEquals(409, self.status(), self.toString());
    assertEquals(200, api.send("GET", "/api/v1/vms", admin, null).status());
    assertEquals(404, put("acc-nobody", "[]").status());
  }
}
