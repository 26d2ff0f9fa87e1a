package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.vireo.api.client.NotificationClient;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.NotificationDeliveryStatus;
import dev.vireo.api.model.NotificationTestResult;
import dev.vireo.api.model.SetSmtpSettingsRequest;
import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.api.model.SmtpSettings;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Notification contacts and groups over the API (white paper 5.11, ADR 0034): CRUD, refusals that
 * name the field, the write-only SMTP password, and the test route delivering for real to GreenMail
 * and to webhook receivers on loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationGroupsTest extends FakeNodeApiTest {
  private static final String CONTACTS = "/api/v1/notification-contacts";
  private static final String GROUPS = "/api/v1/notification-groups";
  private GreenMail mail;
  private HttpServer hooks;
  private final BlockingQueue<String> posted = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> queried = new LinkedBlockingQueue<>();

  @BeforeAll
  void startReceivers() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "mail-secret-1"));
    mail.start();
    hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hooks.createContext("/post", ex -> {
      posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hooks.createContext("/get", ex -> {
      queried.add(ex.getRequestURI().getRawQuery());
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hooks.createContext("/broken", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(500, -1);
      ex.close();
    });
    hooks.start();
  }

  @AfterAll
  void stopReceivers() {
    if (mail != null) {
      mail.stop();
    }
    if (hooks != null) {
      hooks.stop(0);
    }
  }

  @Test
  @Order(1)
  void theTestRouteDeliversByMailAndWebhookAndListsWhatFailed() throws Exception {
    String ops = contact("{\"name\":\"ops\",\"kind\":\"EMAIL\",\"email\":\"ops@example.com\"}");
    String post = contact("{\"name\":\"chat\",\"kind\":\"WEBHOOK\",\"url\":\"" + hook("/post") + "\"}");
    String get = contact("{\"name\":\"pager\",\"kind\":\"WEBHOOK\",\"url\":\"" + hook("/get?key=k1") + "\","
        + "\"method\":\"GET\"}");
    String broken = contact("{\"name\":\"broken\",\"kind\":\"WEBHOOK\",\"url\":\"" + hook("/broken") + "\"}");
    String group = group("on-call", ops, post, get, broken);

    // no SMTP settings yet: the mail fails with the reason, the webhooks are delivered
    JsonNode first = test(group);
    assertEquals(2, first.path("sent").asInt(), first.toString());
    assertEquals("SMTP is not configured (PUT /api/v1/settings/smtp)", outcome(first, ops).path("lastError").asText());
    assertEquals("FAILED", outcome(first, broken).path("status").asText());
    assertTrue(outcome(first, broken).path("lastError").asText().contains("HTTP 500"), first.toString());

    NotificationClient sdk = sdk();
    SmtpSettings set = sdk.setSmtpSettings(new SetSmtpSettingsRequest("127.0.0.1", mail.getSmtp().getPort(),
        SmtpSecurity.NONE, "alerts", "mail-secret-1", "vireo@example.com", 5));
    assertTrue(set.passwordSet());
    NotificationTestResult second = sdk.testGroup(group);
    assertEquals(3, second.sent(), second.toString());
    assertEquals(1, second.failed());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("[Vireo] Test notification from Vireo", m.getSubject());
    assertTrue(GreenMailUtil.getBody(m).contains("groupName: on-call"), GreenMailUtil.getBody(m));

    String json = posted.poll(5, TimeUnit.SECONDS);
    JsonNode body = Api.JSON.readTree(json);
    assertEquals("TEST", body.path("kind").asText());
    assertEquals(group, body.path("groupId").asText());
    assertTrue(body.has("sentAt") && body.has("text"), json);
    String query = queried.poll(5, TimeUnit.SECONDS);
    assertTrue(query.startsWith("key=k1&kind=TEST&subject=Test%20notification"), query);

    JsonNode failed = get("/api/v1/notification-deliveries?groupId=" + group + "&status=FAILED");
    assertEquals(3, failed.path("total").asInt(), "mail once, the broken hook twice: " + failed);
    assertEquals(8, get("/api/v1/notification-deliveries?groupId=" + group).path("total").asInt());
    assertEquals(2, sdk.deliveries(group, NotificationDeliveryStatus.SENT, new dev.vireo.api.client.Paging(0, 2))
        .items().size());
  }

  @Test
  @Order(2)
  void theSmtpPasswordIsWriteOnlyAndKeptWhenLeftOut() throws Exception {
    // shaped like a resource id on purpose: the operation log must not take it for one
    String secret = "mail-" + String.format("%012x", System.nanoTime() & 0xffffffffffffL);
    Api.Reply put = api.send("PUT", "/api/v1/settings/smtp", token, "{\"host\":\"127.0.0.1\",\"port\":" + mail.getSmtp()
        .getPort() + ",\"security\":\"NONE\",\"username\":\"alerts\",\"password\":\"" + secret + "\","
        + "\"from\":\"vireo@example.com\"}");
    assertEquals(200, put.status(), put.toString());
    assertFalse(put.body().contains(secret));
    assertFalse(put.json().has("password"));
    assertTrue(put.json().path("passwordSet").asBoolean());
    assertEquals(10, put.json().path("timeoutSeconds").asInt(), "the default timeout");

    Api.Reply keep = api.send("PUT", "/api/v1/settings/smtp", token, "{\"host\":\"127.0.0.1\",\"port\":2525,"
        + "\"security\":\"STARTTLS\",\"username\":\"alerts\",\"from\":\"vireo@example.com\",\"timeoutSeconds\":30}");
    assertTrue(keep.json().path("passwordSet").asBoolean(), keep.toString());
    JsonNode now = get("/api/v1/settings/smtp");
    assertEquals("STARTTLS", now.path("security").asText());
    assertEquals(30, now.path("timeoutSeconds").asInt());
    assertFalse(now.toString().contains(secret));
    JsonNode log = get("/api/v1/operation-logs?operation=setSmtpSettings&limit=10");
    assertTrue(log.path("total").asInt() >= 2, log.toString());
    assertFalse(log.toString().contains(secret), "no password in the operation log");

    Api.Reply clear = api.send("PUT", "/api/v1/settings/smtp", token, "{\"host\":\"127.0.0.1\",\"password\":\"\","
        + "\"from\":\"vireo@example.com\"}");
    assertFalse(clear.json().path("passwordSet").asBoolean(), clear.toString());
    assertEquals(587, clear.json().path("port").asInt(), "STARTTLS's port by default");
  }

  @Test
  void contactsAndGroupsAreCreatedReadReplacedAndDeleted() throws Exception {
    Api.Reply created = api.send("POST", CONTACTS, token, "{\"name\":\"alice\",\"kind\":\"EMAIL\","
        + "\"email\":\"alice@example.com\"}");
    assertEquals(201, created.status(), created.toString());
    String alice = created.json().path("id").asText();
    assertTrue(alice.startsWith("nc-"), alice);
    assertEquals(CONTACTS + "/" + alice, created.header("Location"));
    String hook = contact("{\"name\":\"hook\",\"kind\":\"WEBHOOK\",\"url\":\"" + hook("/post") + "\"}");
    assertEquals("POST", get(CONTACTS + "/" + hook).path("method").asText(), "POST by default");

    String team = group("team-" + System.nanoTime(), alice, hook);
    String other = group("other-" + System.nanoTime(), alice);
    assertTrue(team.startsWith("ng-"), team);
    assertEquals(List.of(team, other).stream().sorted().toList(),
        Api.JSON.convertValue(get(CONTACTS + "/" + alice).path("groupIds"), List.class).stream().sorted().toList(),
        "a contact may be in several groups");

    Api.Reply renamed = api.send("PUT", CONTACTS + "/" + alice, token, "{\"name\":\"alice b\",\"kind\":\"EMAIL\","
        + "\"email\":\"alice.b@example.com\"}");
    assertEquals(200, renamed.status(), renamed.toString());
    assertEquals("alice.b@example.com", renamed.json().path("email").asText());
    Api.Reply replaced = api.send("PUT", GROUPS + "/" + team, token, "{\"name\":\"team renamed " + System.nanoTime()
        + "\",\"description\":\"first line\",\"contactIds\":[\"" + hook + "\"]}");
    assertEquals(200, replaced.status(), replaced.toString());
    assertEquals("[\"" + hook + "\"]", replaced.json().path("contactIds").toString());
    assertEquals("first line", get(GROUPS + "/" + team).path("description").asText());
    assertTrue(get(GROUPS + "?limit=1000").toString().contains(team));

    assertEquals(204, api.send("DELETE", CONTACTS + "/" + alice, token, null).status());
    assertEquals("[]", get(GROUPS + "/" + other).path("contactIds").toString(), "a deleted contact leaves its groups");
    assertEquals(404, api.send("GET", CONTACTS + "/" + alice, token, null).status());
    assertEquals(204, api.send("DELETE", GROUPS + "/" + team, token, null).status());
    assertEquals(404, api.send("GET", GROUPS + "/" + team, token, null).status());
    assertEquals(hook, get(CONTACTS + "/" + hook).path("id").asText(), "its contacts stay");
    assertRefused(409, "contactIds", "has no contacts", api.send("POST", GROUPS + "/" + other + "/test", token, null));
  }

  @Test
  void badContactsAreRefusedNamingTheField() throws Exception {
    refusedContact("name", "is required", "{\"kind\":\"EMAIL\",\"email\":\"a@example.com\"}");
    refusedContact("kind", "is required", "{\"name\":\"a\",\"email\":\"a@example.com\"}");
    refusedContact("kind", "must be one of EMAIL, WEBHOOK", "{\"name\":\"a\",\"kind\":\"SMS\"}");
    refusedContact("email", "is required", "{\"name\":\"a\",\"kind\":\"EMAIL\"}");
    refusedContact("email", "must be an e-mail address", "{\"name\":\"a\",\"kind\":\"EMAIL\",\"email\":\"not mail\"}");
    refusedContact("url", "is only for WEBHOOK", "{\"name\":\"a\",\"kind\":\"EMAIL\",\"email\":\"a@example.com\","
        + "\"url\":\"http://127.0.0.1/\"}");
    refusedContact("url", "is required", "{\"name\":\"a\",\"kind\":\"WEBHOOK\"}");
    refusedContact("url", "must be an http:// or https:// URL", "{\"name\":\"a\",\"kind\":\"WEBHOOK\","
        + "\"url\":\"ftp://127.0.0.1/x\"}");
    refusedContact("url", "must name a host", "{\"name\":\"a\",\"kind\":\"WEBHOOK\",\"url\":\"http:///x\"}");
    refusedContact("url", "is not a valid URL", "{\"name\":\"a\",\"kind\":\"WEBHOOK\",\"url\":\"http://a b/\"}");
    refusedContact("method", "must be one of GET, POST", "{\"name\":\"a\",\"kind\":\"WEBHOOK\","
        + "\"url\":\"http://127.0.0.1/\",\"method\":\"PUT\"}");
    refusedContact("email", "is only for EMAIL", "{\"name\":\"a\",\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1/\","
        + "\"email\":\"a@example.com\"}");
    refusedContact("phone", "unknown field", "{\"name\":\"a\",\"kind\":\"EMAIL\",\"email\":\"a@example.com\","
        + "\"phone\":\"1\"}");
    assertRefused(404, null, "does not exist", api.send("PUT", CONTACTS + "/nc-000000000000", token,
        "{\"name\":\"a\",\"kind\":\"EMAIL\",\"email\":\"a@example.com\"}"));
  }

  @Test
  void badGroupsAndQueriesAreRefusedNamingTheField() throws Exception {
    String c = contact("{\"name\":\"bob\",\"kind\":\"EMAIL\",\"email\":\"bob@example.com\"}");
    assertRefused(422, "contactIds", "nc-000000000000 does not exist", api.send("POST", GROUPS, token,
        "{\"name\":\"g1\",\"contactIds\":[\"nc-000000000000\"]}"));
    assertRefused(422, "contactIds", "twice", api.send("POST", GROUPS, token,
        "{\"name\":\"g1\",\"contactIds\":[\"" + c + "\",\"" + c + "\"]}"));
    assertRefused(422, "name", "is required", api.send("POST", GROUPS, token, "{\"name\":\" \"}"));
    assertRefused(400, "contactIds", "must be an array", api.send("POST", GROUPS, token,
        "{\"name\":\"g1\",\"contactIds\":\"" + c + "\"}"));
    String name = "taken-" + System.nanoTime();
    group(name, c);
    assertRefused(409, "name", "already exists", api.send("POST", GROUPS, token, "{\"name\":\"" + name + "\"}"));
    assertRefused(404, null, "does not exist", api.send("POST", GROUPS + "/ng-000000000000/test", token, null));
    assertRefused(422, "status", "must be one of PENDING, SENT, FAILED",
        api.send("GET", "/api/v1/notification-deliveries?status=MAYBE", token, null));
    assertRefused(422, "limit", "between 1 and 1000",
        api.send("GET", "/api/v1/notification-deliveries?limit=0", token, null));

    String smtp = "/api/v1/settings/smtp";
    assertRefused(422, "host", "is required", api.send("PUT", smtp, token, "{\"from\":\"v@example.com\"}"));
    assertRefused(422, "host", "without port", api.send("PUT", smtp, token,
        "{\"host\":\"mail:25\",\"from\":\"v@example.com\"}"));
    assertRefused(422, "port", "between 1 and 65535", api.send("PUT", smtp, token,
        "{\"host\":\"127.0.0.1\",\"port\":70000,\"from\":\"v@example.com\"}"));
    assertRefused(422, "port", "between 1 and 65535", api.send("PUT", smtp, token,
        "{\"host\":\"127.0.0.1\",\"port\":0,\"from\":\"v@example.com\"}"));
    assertRefused(422, "security", "must be one of NONE, STARTTLS, SSL", api.send("PUT", smtp, token,
        "{\"host\":\"127.0.0.1\",\"security\":\"TLS\",\"from\":\"v@example.com\"}"));
    assertRefused(422, "from", "must be an e-mail address", api.send("PUT", smtp, token,
        "{\"host\":\"127.0.0.1\",\"from\":\"vireo\"}"));
    assertRefused(422, "timeoutSeconds", "between 1 and 120", api.send("PUT", smtp, token,
        "{\"host\":\"127.0.0.1\",\"from\":\"v@example.com\",\"timeoutSeconds\":121}"));
  }

  private void refusedContact(String field, String words, String body) throws Exception {
    assertRefused(422, field, words, api.send("POST", CONTACTS, token, body));
  }

  private String contact(String json) throws Exception {
    Api.Reply r = api.send("POST", CONTACTS, token, json);
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private String group(String name, String... contactIds) throws Exception {
    String ids = String.join("\",\"", contactIds);
    Api.Reply r = api.send("POST", GROUPS, token, "{\"name\":\"" + name + "\",\"contactIds\":["
        + (ids.isEmpty() ? "" : "\"" + ids + "\"") + "]}");
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private JsonNode test(String group) throws Exception {
    Api.Reply r = api.send("POST", GROUPS + "/" + group + "/test", token, null);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static JsonNode outcome(JsonNode result, String contact) {
    for (JsonNode d : result.path("deliveries")) {
      if (d.path("contactId").asText().equals(contact)) {
        return d;
      }
    }
    throw new AssertionError("no delivery to " + contact + " in " + result);
  }

  private String hook(String path) {
    return "http://127.0.0.1:" + hooks.getAddress().getPort() + path;
  }

  private NotificationClient sdk() {
    return new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token).notifications();
  }
}
