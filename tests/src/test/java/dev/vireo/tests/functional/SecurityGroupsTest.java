package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4 N5/N6 through the API: security groups are created, read, replaced and deleted (each a
 * 202 and a job, like every mutation); every bad rule is a 422 naming the field; the packet tester
 * answers from the stored rules in their evaluation order, and an empty group drops everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityGroupsTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String rule(String dir, String proto, String ports, String addr, String action, String prio) {
    return "{\"direction\":\"" + dir + "\",\"protocol\":\"" + proto + "\"" + (ports == null ? "" : ",\"ports\":\"" + ports + "\"")
        + ",\"address\":\"" + addr + "\",\"action\":\"" + action + "\"" + (prio == null ? "" : ",\"priority\":\"" + prio + "\"") + "}";
  }

  private JsonNode create(String name, String... rules) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/security-groups", token,
        "{\"name\":\"" + name + "\",\"rules\":[" + String.join(",", rules) + "]}");
    assertEquals(202, r.status(), r.toString());
    assertEquals("security-group", r.json().get("resourceType").asText());
    api.succeeded(token, r);
    return api.send("GET", "/api/v1/security-groups/" + r.json().get("resourceId").asText(), token, null).json();
  }

  /** A mutation answered 202 whose job succeeded. */
  private void done(String method, String path, String body) throws Exception {
    api.succeeded(token, api.send(method, path, token, body));
  }

  private JsonNode test(String groups, String dir, String proto, String remote, Integer port) throws Exception {
    String addr = dir.equals("ingress") ? "sourceAddress" : "destinationAddress";
    Api.Reply r = api.send("POST", "/api/v1/security-groups/test", token, "{\"securityGroups\":[" + groups + "],"
        + "\"direction\":\"" + dir + "\",\"protocol\":\"" + proto + "\",\"" + addr + "\":\"" + remote + "\""
        + (port == null ? "" : ",\"port\":" + port) + "}");
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "invalid CIDR         | tcp    | 22     | 10.0.0.1/24 | rules[0].address",
      "port 0               | tcp    | 0      | 0.0.0.0/0   | rules[0].ports",
      "port 70000           | udp    | 70000  | 0.0.0.0/0   | rules[0].ports",
      "ports on ICMP        | icmpv4 | 8      | 0.0.0.0/0   | rules[0].ports",
      "range reversed       | tcp    | 90-80  | 0.0.0.0/0   | rules[0].ports",
      "unknown protocol     | sctp   | -      | 0.0.0.0/0   | rules[0].protocol",
  })
  void badRulesAre422NamingTheField(String name, String proto, String ports, String addr, String field) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"bad\",\"rules\":["
        + rule("ingress", "accept", null, "0.0.0.0/0", "accept", null).replace("\"protocol\":\"accept\"", "\"protocol\":\"tcp\"")
        + "," + rule("ingress", proto, ports, addr, "accept", null) + "]}");
    assertEquals(422, r.status(), r.toString());
    assertEquals(field.replace("[0]", "[1]"), r.json().get("field").asText(), r.toString());
    assertEquals(404, api.send("GET", "/api/v1/security-groups/bad", token, null).status());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "port-groups | ICMP:8            | entries[1]",
      "port-groups | TCP:0             | entries[1]",
      "port-groups | UDP:100-90        | entries[1]",
      "port-groups | TCP:70000         | entries[1]",
      "ip-groups   | 10.0.0.9-10.0.0.1 | entries[1]",
      "ip-groups   | 10.0.0.1/24       | entries[1]",
      "ip-groups   | 10.0.0.1-fd00::1  | entries[1]",
  })
  void badGroupEntriesAre422NamingTheEntry(String kind, String entry, String field) throws Exception {
    String good = kind.equals("port-groups") ? "TCP:80" : "10.0.0.1";
    Api.Reply r = api.send("POST", "/api/v1/" + kind, token, "{\"name\":\"bad\",\"entries\":[\"" + good + "\",\""
        + entry + "\"]}");
    assertEquals(422, r.status(), r.toString());
    assertEquals(field, r.json().get("field").asText(), r.toString());
    assertEquals(422, api.send("POST", "/api/v1/" + kind, token, "{\"name\":\"bad\",\"entries\":[]}").status());
  }

  @Test
  void rulesNamePortAndIpGroupsWhichCannotGoWhileNamed() throws Exception {
    Api.Reply pg = api.send("POST", "/api/v1/port-groups", token, "{\"name\":\"db\",\"entries\":[\"TCP:3306,5432\",\"UDP:53\"]}");
    assertEquals("port-group", api.succeeded(token, pg).get("resourceType").asText(), pg.toString());
    Api.Reply ig = api.send("POST", "/api/v1/ip-groups", token, "{\"name\":\"apps\",\"entries\":[\"10.0.0.10-10.0.0.20\",\"fd00::/64\"]}");
    api.succeeded(token, ig);
    assertEquals("apps", api.send("GET", "/api/v1/ip-groups/" + ig.json().get("resourceId").asText(), token, null)
        .json().get("name").asText());
    JsonNode g = create("db-access", "{\"direction\":\"ingress\",\"portGroup\":\"db\",\"ipGroup\":\"" + ig.json().get("resourceId").asText()
        + "\",\"action\":\"accept\"}");
    assertTrue(test("\"db-access\"", "ingress", "tcp", "10.0.0.15", 5432).get("allowed").asBoolean());
    assertTrue(test("\"db-access\"", "ingress", "udp", "fd00::9", 53).get("allowed").asBoolean());
    assertFalse(test("\"db-access\"", "ingress", "tcp", "10.0.0.21", 5432).get("allowed").asBoolean());
    assertFalse(test("\"db-access\"", "ingress", "tcp", "10.0.0.15", 22).get("allowed").asBoolean());
    // a port group's new entries apply to the rules naming it
    done("PUT", "/api/v1/port-groups/db", "{\"name\":\"db\",\"entries\":[\"TCP:22\"]}");
    assertTrue(test("\"db-access\"", "ingress", "tcp", "10.0.0.15", 22).get("allowed").asBoolean());
    assertFalse(test("\"db-access\"", "ingress", "tcp", "10.0.0.15", 5432).get("allowed").asBoolean());
    assertEquals(409, api.send("DELETE", "/api/v1/port-groups/db", token, null).status());
    assertEquals(409, api.send("DELETE", "/api/v1/ip-groups/apps", token, null).status());
    assertEquals(409, api.send("POST", "/api/v1/ip-groups", token, "{\"name\":\"apps\",\"entries\":[\"10.0.0.1\"]}").status());
    done("DELETE", "/api/v1/security-groups/" + g.get("id").asText(), null);
    done("DELETE", "/api/v1/port-groups/db", null);
    done("DELETE", "/api/v1/ip-groups/apps", null);
    assertEquals(404, api.send("GET", "/api/v1/ip-groups/apps", token, null).status());
  }

  @Test
  void unknownGroupReferencesAre422() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"refs\",\"rules\":[{\"direction\":"
        + "\"ingress\",\"portGroup\":\"web\",\"address\":\"0.0.0.0/0\",\"action\":\"accept\"}]}");
    assertEquals(422, r.status(), r.toString());
    assertEquals("rules[0].portGroup", r.json().get("field").asText());
    r = api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"refs\",\"rules\":[{\"direction\":"
        + "\"ingress\",\"protocol\":\"ssh\",\"ipGroup\":\"office\",\"action\":\"accept\"}]}");
    assertEquals("rules[0].ipGroup", r.json().get("field").asText());
    r = api.send("POST", "/api/v1/security-groups/test", token, "{\"securityGroups\":[\"nope\"],\"direction\":"
        + "\"ingress\",\"protocol\":\"tcp\",\"sourceAddress\":\"10.0.0.1\",\"port\":22}");
    assertEquals(422, r.status(), r.toString());
    assertEquals("securityGroups[0]", r.json().get("field").asText());
  }

  @Test
  void crudAndTheTesterAnswerFromTheStoredRules() throws Exception {
    JsonNode g = create("web", rule("ingress", "ssh", null, "10.0.0.0/8", "accept", null),
        rule("ingress", "tcp", "22", "10.6.6.6", "drop", null), rule("ingress", "ping", null, "10.0.0.9", "accept", "high"));
    String id = g.get("id").asText();
    assertEquals(3, api.send("GET", "/api/v1/security-groups/web", token, null).json().get("rules").size());
    assertEquals(409, api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"web\"}").status());

    JsonNode v = test("\"web\"", "ingress", "tcp", "10.1.1.1", 22);
    assertTrue(v.get("allowed").asBoolean(), v.toString());
    assertEquals("web#0", v.get("decidedBy").asText());
    assertEquals("[\"web#2\",\"web#1\",\"web#0\"]", v.get("order").toString());
    v = test("\"" + id + "\"", "ingress", "tcp", "10.6.6.6", 22);
    assertFalse(v.get("allowed").asBoolean(), v.toString());
    assertEquals("web#1", v.get("decidedBy").asText());
    v = test("\"web\"", "ingress", "icmpv4", "10.0.0.8", null);
    assertEquals("default drop", v.get("decidedBy").asText());
    assertFalse(v.get("allowed").asBoolean());

    JsonNode empty = create("empty");
    v = test("\"empty\"", "egress", "udp", "8.8.8.8", 53);
    assertFalse(v.get("allowed").asBoolean());
    assertEquals("[]", v.get("order").toString());

    done("PUT", "/api/v1/security-groups/" + id, "{\"name\":\"web\",\"rules\":["
        + rule("egress", "all", null, "0.0.0.0/0", "accept", null) + "]}");
    assertTrue(test("\"web\",\"empty\"", "egress", "udp", "8.8.8.8", 53).get("allowed").asBoolean());
    assertFalse(test("\"web\"", "ingress", "tcp", "10.1.1.1", 22).get("allowed").asBoolean());
    Api.Reply bad = api.send("PUT", "/api/v1/security-groups/" + id, token, "{\"name\":\"web\",\"rules\":["
        + rule("egress", "tcp", "1-2-3", "0.0.0.0/0", "accept", null) + "]}");
    assertEquals(422, bad.status());
    assertEquals("rules[0].ports", bad.json().get("field").asText());

    done("DELETE", "/api/v1/security-groups/" + id, null);
    assertEquals(404, api.send("GET", "/api/v1/security-groups/" + id, token, null).status());
    done("DELETE", "/api/v1/security-groups/" + empty.get("id").asText(), null);
  }
}
