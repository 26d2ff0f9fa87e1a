package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.MovableClock;
import dev.vireo.tests.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password recovery by e-mail on a real server with a real SMTP server, GreenMail (white paper
 * 5.2.2, ADR 0041): the open request answers 202 whether or not the address exists and mails only
 * a real account, the link in the mail sets a new password once within 30 minutes (the password
 * rules apply), and the reset revokes the account's sessions.
 */
class PasswordRecoveryTest {
  private static final String PASSWORD = "Recovery-pass1";
  private static final MovableClock CLOCK = new MovableClock();
  private static final Pattern LINK = Pattern.compile("https://\\S+(/api/v1/auth/password-reset\\?token=[0-9a-f]+)");

  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static GreenMail mail;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    server = TestServer.start(dir, c -> c, CLOCK);
    api = server.api();
    admin = server.login();
    Api.Reply smtp = api.send("PUT", "/api/v1/settings/smtp", admin, "{\"host\":\"127.0.0.1\",\"port\":"
        + mail.getSmtp().getPort() + ",\"security\":\"NONE\",\"from\":\"vireo@example.com\"}");
    assertEquals(200, smtp.status(), smtp.toString());
    for (String email : new String[] {"rec@example.com", "exp@example.com"}) {
      Api.Reply created = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + email + "\",\"password\":\""
          + PASSWORD + "\",\"scope\":\"SYSTEM\",\"roleIds\":[\"system-admin\"],\"mustChangePassword\":false}");
      assertEquals(201, created.status(), created.toString());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  private static Api.Reply login(String password) throws Exception {
    return login("rec@example.com", password);
  }

  private static Api.Reply login(String email, String password) throws Exception {
    return api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email + "\",\"password\":\""
        + password + "\"}");
  }

  /** Asks for a link and answers the path of the one the newest mail carries. */
  private static String requestLink(int mailsBefore) throws Exception {
    return requestLink("Rec@Example.com", mailsBefore);
  }

  private static String requestLink(String email, int mailsBefore) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/auth/password-recovery", null, "{\"email\":\"" + email + "\"}");
    assertEquals(202, r.status(), r.toString());
    assertTrue(mail.waitForIncomingEmail(15_000, mailsBefore + 1), "no recovery mail arrived");
    MimeMessage m = mail.getReceivedMessages()[mailsBefore];
    assertEquals(email.toLowerCase(), m.getAllRecipients()[0].toString());
    assertEquals("[Vireo] Password recovery", m.getSubject());
    String body = GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    Matcher link = LINK.matcher(body);
    assertTrue(link.find(), body);
    assertTrue(link.group().startsWith(server.baseUrl()), link.group());
    return link.group(1);
  }

  @Test
  void theMailedLinkSetsANewPasswordOnceAndEndsTheSessions() throws Exception {
    String before = login(PASSWORD).json().path("token").asText();
    assertEquals(200, api.send("GET", "/api/v1/ping", before, null).status());
    Api.Reply unknown = api.send("POST", "/api/v1/auth/password-recovery", null, "{\"email\":\"nobody@example.com\"}");
    assertEquals(202, unknown.status(), unknown.toString());
    int mails = mail.getReceivedMessages().length;
    String link = requestLink(mails);
    assertEquals(mails + 1, mail.getReceivedMessages().length, "only the real account was mailed");

    // opened in a browser, the link shows the form whose script POSTs the password back to it
    Api.Reply page = api.send("GET", link, null, null);
    assertEquals(200, page.status(), page.toString());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.toString());
    assertTrue(page.body().contains("<form id=\"reset\">") && page.body().contains("type=\"password\"")
        && page.body().contains("fetch(location.pathname, {method: 'POST'")
        && page.body().contains("JSON.stringify({token: token, newPassword: password})"), page.body());
    assertFalse(page.body().contains(link.substring(link.indexOf("token=") + 6)), "the token is not echoed into the page");
    Api.Reply weak = api.send("POST", link, null, "{\"newPassword\":\"short\"}");
    assertEquals(422, weak.status(), weak.toString());
    assertEquals("newPassword", weak.json().path("field").asText());
    Api.Reply set = api.send("POST", link, null, "{\"newPassword\":\"Recovered-pass2\"}");
    assertEquals(204, set.status(), set.toString());
    Api.Reply again = api.send("POST", link, null, "{\"newPassword\":\"Recovered-pass3\"}");
    assertEquals(400, again.status(), "the link works once: " + again);
    assertEquals("token", again.json().path("field").asText());

    assertEquals(401, api.send("GET", "/api/v1/ping", before, null).status(), "the reset revokes the sessions");
    assertEquals(401, login(PASSWORD).status(), "the old password is gone");
    Api.Reply in = login("Recovered-pass2");
    assertEquals(200, in.status(), in.toString());
    assertFalse(in.json().path("mustChangePassword").asBoolean());
  }

  @Test
  void aLinkExpiresAfterThirtyMinutesAndOnlyTheNewestWorks() throws Exception {
    String first = requestLink("exp@example.com", mail.getReceivedMessages().length);
    String second = requestLink("exp@example.com", mail.getReceivedMessages().length);
    Api.Reply old = api.send("POST", first, null, "{\"newPassword\":\"Expired-pass4\"}");
    assertEquals(400, old.status(), "a newer request replaces the older link: " + old);
    CLOCK.advance(Duration.ofMinutes(31));
    Api.Reply late = api.send("POST", second, null, "{\"newPassword\":\"Expired-pass4\"}");
    assertEquals(400, late.status(), late.toString());
    assertTrue(late.json().path("message").asText().contains("expired"), late.toString());
    String token = second.substring(second.indexOf("token=") + 6);
    String third = requestLink("exp@example.com", mail.getReceivedMessages().length);
    // the token may also travel in the body
    Api.Reply body = api.send("POST", "/api/v1/auth/password-reset", null, "{\"token\":\""
        + third.substring(third.indexOf("token=") + 6) + "\",\"newPassword\":\"Fresh-pass5\"}");
    assertEquals(204, body.status(), body.toString());
    assertFalse(token.isEmpty());
    assertEquals(200, login("exp@example.com", "Fresh-pass5").status());
  }
}
