package dev.vireo.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vireo.api.model.NotificationContactKind;
import dev.vireo.api.model.NotificationDelivery;
import dev.vireo.api.model.NotificationDeliveryStatus;
import dev.vireo.api.model.NotificationGroup;
import dev.vireo.api.model.SmtpSecurity;
import dev.vireo.api.model.WebhookMethod;
import dev.vireo.server.http.Json;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.store.Database;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier against real endpoints on loopback: GreenMail as the SMTP server and JDK HTTP
 * servers as webhooks; deliveries and their attempts read back from HSQLDB.
 */
class NotifierTest {
  private static final Notification ALARM = new Notification(Notification.Kind.ALARM, "CPU high on vm-1",
      "cpu_usage_percent is 97 (>= 90 for 60 s)", Map.of("resourceType", "vm", "resourceId", "vm-1",
          "metric", "cpu_usage_percent", "value", "97", "severity", "CRITICAL", "state", "FIRING"));

  @TempDir
  Path dir;
  Database db;
  Jdbi jdbi;
  NotificationContacts contacts;
  NotificationGroups groups;
  DeliveryLog log;
  SmtpSettingsStore smtp;
  Notifier notifier;
  GreenMail mail;

  @BeforeEach
  void start() {
    db = new Database(dir);
    jdbi = db.jdbi();
    contacts = new NotificationContacts(jdbi);
    groups = new NotificationGroups(jdbi);
    log = new DeliveryLog(jdbi);
    smtp = new SmtpSettingsStore(jdbi);
    notifier = new Notifier(contacts, log, smtp, NotifierConfig.standard().withRetryBase(Duration.ofMillis(50)));
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "s3cret"));
    mail.start();
  }

  @AfterEach
  void stop() {
    notifier.close();
    mail.stop();
    db.close();
  }

  @Test
  void emailReachesTheSmtpServerAuthenticated() throws Exception {
    useSmtp("s3cret");
    String group = group(email("ops", "ops@example.com"));
    NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
    assertEquals(NotificationDeliveryStatus.SENT, d.status(), d.toString());
    assertEquals(1, d.attempts());
    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(1, got.length);
    assertEquals("[Vireo] CPU high on vm-1", got[0].getSubject());
    assertEquals("ops@example.com", got[0].getAllRecipients()[0].toString());
    assertEquals("vireo@example.com", got[0].getFrom()[0].toString());
    String body = GreenMailUtil.getBody(got[0]);
    assertTrue(body.contains("cpu_usage_percent is 97"), body);
    assertTrue(body.contains("resourceId: vm-1") && body.contains("severity: CRITICAL"), body);
  }

  @Test
  void aWrongSmtpPasswordFailsAtOnceAndNoErrorShowsIt() throws Exception {
    useSmtp("wrong-password-4711");
    String group = group(email("ops", "ops@example.com"));
    NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
    assertEquals(NotificationDeliveryStatus.FAILED, d.status(), d.toString());
    assertEquals(1, d.attempts(), "an authentication failure is not retried");
    assertTrue(d.lastError().contains("authentication"), d.lastError());
    assertFalse(d.lastError().contains("wrong-password-4711"), d.lastError());
    assertFalse(smtp.load().orElseThrow().toString().contains("wrong-password-4711"));
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void unconfiguredSmtpFailsWithTheReason() throws Exception {
    String group = group(email("ops", "ops@example.com"));
    NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
    assertEquals(NotificationDeliveryStatus.FAILED, d.status());
    assertEquals(1, d.attempts());
    assertEquals("SMTP is not configured (PUT /api/v1/settings/smtp)", d.lastError());
    assertEquals(d, log.get(d.id()).orElseThrow());
  }

  @Test
  void webhookPostSendsTheNotificationAsJson() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(() -> 204)) {
      String group = group(webhook("hook", hook.url("/alerts"), WebhookMethod.POST));
      Instant before = Instant.now();
      NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
      assertEquals(NotificationDeliveryStatus.SENT, d.status(), d.toString());
      WebhookReceiver.Received r = hook.next();
      assertEquals("POST", r.method());
      assertEquals("/alerts", r.path());
      assertEquals("application/json", r.contentType());
      JsonNode body = Json.MAPPER.readTree(r.body());
      assertEquals("ALARM", body.path("kind").asText());
      assertEquals("CPU high on vm-1", body.path("subject").asText());
      assertEquals("cpu_usage_percent is 97 (>= 90 for 60 s)", body.path("text").asText());
      assertEquals("vm-1", body.path("resourceId").asText());
      assertEquals("97", body.path("value").asText());
      assertEquals("FIRING", body.path("state").asText());
      assertFalse(Instant.parse(body.path("sentAt").asText()).isBefore(before.minusSeconds(1)));
    }
  }

  @Test
  void webhookGetSendsTheSameAsQueryParameters() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(() -> 200)) {
      String group = group(webhook("hook", hook.url("/alerts?token=abc"), WebhookMethod.GET));
      assertEquals(NotificationDeliveryStatus.SENT, only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS))
          .status());
      WebhookReceiver.Received r = hook.next();
      assertEquals("GET", r.method());
      Map<String, String> q = query(r.query());
      assertEquals("abc", q.get("token"), "the URL's own parameters stay");
      assertEquals("ALARM", q.get("kind"));
      assertEquals("CPU high on vm-1", q.get("subject"));
      assertEquals("cpu_usage_percent is 97 (>= 90 for 60 s)", q.get("text"));
      assertEquals("CRITICAL", q.get("severity"));
      assertTrue(q.containsKey("sentAt"));
      assertEquals("", r.body());
    }
  }

  @Test
  void aServerErrorIsRetriedAndTheDeliveryShowsTwoAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (WebhookReceiver hook = new WebhookReceiver(() -> calls.incrementAndGet() == 1 ? 500 : 200)) {
      String group = group(webhook("flaky", hook.url("/"), WebhookMethod.POST));
      NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
      assertEquals(NotificationDeliveryStatus.SENT, d.status(), d.toString());
      NotificationDelivery stored = log.get(d.id()).orElseThrow();
      assertEquals(2, stored.attempts());
      assertEquals(NotificationDeliveryStatus.SENT, stored.status());
      assertTrue(stored.lastError() == null, "a success clears the error: " + stored.lastError());
      assertEquals(2, calls.get());
    }
  }

  @Test
  void aFailingEndpointIsTriedFourTimesThenFailsWithItsAnswer() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (WebhookReceiver hook = new WebhookReceiver(() -> {
      calls.incrementAndGet();
      return 503;
    })) {
      String group = group(webhook("down", hook.url("/"), WebhookMethod.POST));
      long t0 = System.nanoTime();
      NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(NotificationDeliveryStatus.FAILED, d.status());
      assertEquals(4, d.attempts());
      assertEquals(4, calls.get());
      assertTrue(d.lastError().startsWith("webhook answered HTTP 503"), d.lastError());
      assertTrue(ms >= 50 + 100 + 200, "backoff 50, 100, 200 ms: took " + ms + " ms");
    }
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(() -> 404)) {
      String group = group(webhook("gone", hook.url("/"), WebhookMethod.POST));
      NotificationDelivery d = only(notifier.deliver(group, ALARM).get(10, TimeUnit.SECONDS));
      assertEquals(NotificationDeliveryStatus.FAILED, d.status());
      assertEquals(1, d.attempts());
    }
  }

  @Test
  void aHangingEndpointDoesNotDelayAnotherContact() throws Exception {
    try (WebhookReceiver hanging = new WebhookReceiver(() -> -1); WebhookReceiver quick = new WebhookReceiver(() -> 200)) {
      String slow = webhook("hanging", hanging.url("/"), WebhookMethod.POST);
      String fast = webhook("quick", quick.url("/"), WebhookMethod.POST);
      String group = group(slow, fast);
      long t0 = System.nanoTime();
      notifier.send(group, ALARM);
      assertTrue(System.nanoTime() - t0 < 500_000_000L, "send returns at once");
      NotificationDelivery quickOne = awaitFinished(group, fast, Duration.ofSeconds(3));
      assertEquals(NotificationDeliveryStatus.SENT, quickOne.status());
      assertTrue(quickOne.finishedAt().isBefore(Instant.now().plusSeconds(1)));
      assertTrue(hanging.next() != null, "the hanging endpoint was called");
      NotificationDelivery slowOne = delivery(group, slow);
      assertEquals(NotificationDeliveryStatus.PENDING, slowOne.status(), "still waiting for the hanging endpoint");
    }
  }

  @Test
  void aTestMakesOneAttemptPerContactAndWaitsForAll() throws Exception {
    useSmtp("s3cret");
    try (WebhookReceiver down = new WebhookReceiver(() -> 500)) {
      String group = group(email("ops", "ops@example.com"), webhook("down", down.url("/"), WebhookMethod.POST));
      List<NotificationDelivery> done = notifier.test(group, new Notification(Notification.Kind.TEST, "Test", "hi"));
      assertEquals(2, done.size());
      assertEquals(List.of(NotificationDeliveryStatus.SENT, NotificationDeliveryStatus.FAILED),
          done.stream().map(NotificationDelivery::status).toList());
      assertEquals(1, done.get(1).attempts(), "a test does not retry");
      assertEquals(1, down.received.size());
    }
  }

  @Test
  void deliveriesAStoppedServerLeftPendingFailWithTheReasonAtStart() {
    NotificationDelivery d = log.open("ng-x", "nc-x", "cut off");
    new DeliveryLog(jdbi).reconcile();
    NotificationDelivery after = log.get(d.id()).orElseThrow();
    assertEquals(NotificationDeliveryStatus.FAILED, after.status());
    assertEquals(DeliveryLog.INTERRUPTED, after.lastError());
  }

  private NotificationDelivery awaitFinished(String group, String contact, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    NotificationDelivery d = delivery(group, contact);
    while ((d == null || d.status() == NotificationDeliveryStatus.PENDING) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      d = delivery(group, contact);
    }
    assertTrue(d != null && d.status() != NotificationDeliveryStatus.PENDING, "not finished in " + within + ": " + d);
    return d;
  }

  private NotificationDelivery delivery(String group, String contact) {
    List<NotificationDelivery> items = log.page(group, contact, null, 0, 10).items();
    return items.isEmpty() ? null : items.get(0);
  }

  private static NotificationDelivery only(List<NotificationDelivery> deliveries) {
    assertEquals(1, deliveries.size(), deliveries.toString());
    return deliveries.get(0);
  }

  private void useSmtp(String password) {
    smtp.save(new SmtpSettingsStore.Smtp("127.0.0.1", mail.getSmtp().getPort(), SmtpSecurity.NONE, "alerts", password,
        "vireo@example.com", 5));
  }

  private String email(String name, String address) {
    String id = Ids.next("nc");
    jdbi.useTransaction(h -> contacts.insert(h, id, new ContactRules.Checked(name, NotificationContactKind.EMAIL,
        address, null, null)));
    return id;
  }

  private String webhook(String name, String url, WebhookMethod method) {
    String id = Ids.next("nc");
    jdbi.useTransaction(h -> contacts.insert(h, id, new ContactRules.Checked(name, NotificationContactKind.WEBHOOK,
        null, url, method)));
    return id;
  }

  private String group(String... contactIds) {
    String id = Ids.next("ng");
    jdbi.useTransaction(h -> groups.insert(h, new NotificationGroup(id, "g-" + id, null, Arrays.asList(contactIds),
        Instant.now())));
    return id;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }
}
