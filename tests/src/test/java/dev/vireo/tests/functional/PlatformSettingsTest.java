package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vireo.agent.protocol.DiskQos;
import dev.vireo.agent.protocol.SetDiskQosCommand;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.DiskSettings;
import dev.vireo.api.model.ServerCertificateInfo;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.Pem;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Platform settings (white paper 6.3, ADR 0045) against the real server on a fake node: the SMTP
 * test mail through a real SMTP server (GreenMail, with AUTH) and its refusals, the global disk
 * settings (snapshot limit enforced, QoS switch re-applied to the running VM's disk by the agent),
 * the deletion policy refusing every delete in one place, and the TLS certificate replaced live.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformSettingsTest extends FakeNodeApiTest {
  private GreenMail mail;

  @Override
  protected String imageName() {
    return "settings-image";
  }

  @BeforeAll
  void startMail() {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "mailer", "mail-pass-1"));
    mail.start();
  }

  @AfterAll
  void stopMail() {
    if (mail != null) {
      mail.stop();
    }
  }

  private Api.Reply send(String method, String path, String body) throws Exception {
    return api.send(method, path, token, body);
  }

  private static void refused(int status, String field, String words, Api.Reply r) {
    assertEquals(status, r.status(), r.toString());
    if (field != null) {
      assertEquals(field, r.json().path("field").asText(), r.toString());
    }
    assertTrue(r.json().path("message").asText().contains(words), r.toString());
  }

  private String smtp(String password, String extra) {
    return "{\"host\":\"127.0.0.1\",\"port\":" + mail.getSmtp().getPort() + ",\"security\":\"NONE\","
        + "\"username\":\"mailer\",\"password\":\"" + password + "\",\"from\":\"vireo@example.com\","
        + "\"timeoutSeconds\":5" + extra + "}";
  }

  @Test
  @Order(1)
  void theTestMailGoesThroughTheConfiguredServerAndItsRefusalIsReported() throws Exception {
    refused(409, null, "SMTP is not configured", send("POST", "/api/v1/settings/smtp/test",
        "{\"to\":\"ops@example.com\"}"));

    Api.Reply put = send("PUT", "/api/v1/settings/smtp", smtp("mail-pass-1",
        ",\"senderName\":\"Vireo 平台\",\"subjectPrefix\":\"[虚拟化平台]\""));
    assertEquals(200, put.status(), put.toString());
    assertEquals("[虚拟化平台]", put.json().path("subjectPrefix").asText());
    assertEquals("Vireo 平台", put.json().path("senderName").asText());

    Api.Reply sent = send("POST", "/api/v1/settings/smtp/test", "{\"to\":\"ops@example.com\"}");
    assertEquals(200, sent.status(), sent.toString());
    assertEquals("[虚拟化平台] Test mail from Vireo", sent.json().path("subject").asText());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("[虚拟化平台] Test mail from Vireo", m.getSubject());
    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertEquals("vireo@example.com", from.getAddress());
    assertEquals("Vireo 平台", from.getPersonal());

    // the SDK, the server refusing the login: 502 with the reason, never the password
    assertEquals(200, send("PUT", "/api/v1/settings/smtp", smtp("wrong-pass-4711", "")).status());
    Api.Reply auth = send("POST", "/api/v1/settings/smtp/test", "{\"to\":\"ops@example.com\"}");
    refused(502, null, "authentication as mailer failed", auth);
    assertFalse(auth.body().contains("wrong-pass-4711"), auth.toString());
    VireoClient sdk = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token);
    dev.vireo.api.client.ApiException e = assertThrows(dev.vireo.api.client.ApiException.class,
        () -> sdk.notifications().sendSmtpTestMail("ops@example.com"));
    assertEquals(502, e.status());

    // nothing listens: 502 naming the server; a bad recipient: 422 naming the field
    Api.Reply nowhere = send("PUT", "/api/v1/settings/smtp", smtp("mail-pass-1", "").replace("\"port\":"
        + mail.getSmtp().getPort(), "\"port\":1"));
    assertEquals(200, nowhere.status(), nowhere.toString());
    refused(502, null, "SMTP 127.0.0.1:1", send("POST", "/api/v1/settings/smtp/test", "{\"to\":\"ops@example.com\"}"));
    refused(422, "to", "", send("POST", "/api/v1/settings/smtp/test", "{\"to\":\"not-an-address\"}"));
    refused(422, "subjectPrefix", "at most 50", send("PUT", "/api/v1/settings/smtp", smtp("x",
        ",\"subjectPrefix\":\"" + "p".repeat(51) + "\"")));
  }

  @Test
  @Order(2)
  void theSnapshotLimitIsTheSettingsAndRefusedBeyondIt() throws Exception {
    JsonNode defaults = get("/api/v1/settings/disks");
    assertFalse(defaults.path("qosEnabled").asBoolean(), defaults.toString());
    assertEquals(5, defaults.path("maxSnapshotsPerDisk").asInt());
    refused(422, "maxSnapshotsPerDisk", "between 1 and 5", send("PUT", "/api/v1/settings/disks",
        "{\"maxSnapshotsPerDisk\":6}"));
    refused(422, "maxSnapshotsPerDisk", "between 1 and 5", send("PUT", "/api/v1/settings/disks",
        "{\"maxSnapshotsPerDisk\":0}"));
    Api.Reply two = send("PUT", "/api/v1/settings/disks", "{\"maxSnapshotsPerDisk\":2}");
    assertEquals(200, two.status(), two.toString());
    assertTrue(two.json().path("qosJobId").isNull(), "no QoS switch, no job: " + two);

    String disk = created(send("POST", "/api/v1/disks", "{\"name\":\"limited\",\"sizeGiB\":10}"));
    for (String name : new String[] {"s1", "s2"}) {
      api.succeeded(token, send("POST", "/api/v1/disks/" + disk + "/snapshots", "{\"name\":\"" + name + "\"}"));
    }
    refused(422, "name", "at most 2", send("POST", "/api/v1/disks/" + disk + "/snapshots", "{\"name\":\"s3\"}"));
    assertEquals(200, send("PUT", "/api/v1/settings/disks", "{\"maxSnapshotsPerDisk\":3}").status());
    api.succeeded(token, send("POST", "/api/v1/disks/" + disk + "/snapshots", "{\"name\":\"s3\"}"));
    assertEquals(3, new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token).settings()
        .diskSettings().maxSnapshotsPerDisk());
  }

  @Test
  @Order(3)
  void switchingQosReappliesTheLimitsToTheRunningVmsDiskThroughTheAgent() throws Exception {
    String disk = created(send("POST", "/api/v1/disks", "{\"name\":\"qos-switch\",\"sizeGiB\":100}"));
    String vm = created(send("POST", "/api/v1/vms", "{\"name\":\"qos-vm\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true}"));
    api.succeeded(token, send("POST", "/api/v1/vms/" + vm + "/disks", "{\"disk\":\"" + disk + "\"}"));
    assertEquals("OFF", get("/api/v1/disks/" + disk + "/qos").path("source").asText());
    assertNull(node.lastDefinition(vm).vm().dataDisks().stream().findFirst().map(d -> d.qos()).orElse(null),
        "QoS off: the attached disk is not limited");

    int before = node.snapshotCommands().size();
    JsonNode on = put("/api/v1/settings/disks", "{\"qosEnabled\":true}");
    assertTrue(on.path("qosEnabled").asBoolean());
    assertEquals("SUCCEEDED", api.waitForJob(token, on.path("qosJobId").asText()).path("state").asText());
    DiskQos formula = new DiskQos(1800 + 50 * 100, 1800 + 50 * 100, 120 + 50, 120 + 50);
    assertTrue(node.snapshotCommands().stream().skip(before).anyMatch(c -> c instanceof SetDiskQosCommand s
        && s.domainName().equals(vm) && formula.equals(s.disk().qos())), "the formula applied live: "
        + node.snapshotCommands());
    assertEquals("FORMULA", get("/api/v1/disks/" + disk + "/qos").path("source").asText());

    int middle = node.snapshotCommands().size();
    DiskSettings off = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token).settings()
        .setDiskSettings(new DiskSettings(false, null));
    assertNotNull(off.qosJobId());
    assertEquals("SUCCEEDED", api.waitForJob(token, off.qosJobId()).path("state").asText());
    assertTrue(node.snapshotCommands().stream().skip(middle).anyMatch(c -> c instanceof SetDiskQosCommand s
        && s.domainName().equals(vm) && s.disk().qos() == null), "the limits lifted live: "
        + node.snapshotCommands());
    assertEquals("OFF", get("/api/v1/disks/" + disk + "/qos").path("source").asText());
    assertEquals(3, get("/api/v1/settings/disks").path("maxSnapshotsPerDisk").asInt(), "the limit kept");
  }

  private JsonNode put(String path, String body) throws Exception {
    Api.Reply r = send("PUT", path, body);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  @Test
  @Order(4)
  void whileDeletionIsForbiddenEveryDeleteIsRefusedAndSettingsStayChangeable() throws Exception {
    String disk = created(send("POST", "/api/v1/disks", "{\"name\":\"kept\",\"sizeGiB\":10}"));
    assertFalse(get("/api/v1/settings/deletion-policy").path("deletionForbidden").asBoolean());
    refused(422, "deletionForbidden", "required", send("PUT", "/api/v1/settings/deletion-policy", "{}"));
    assertTrue(put("/api/v1/settings/deletion-policy", "{\"deletionForbidden\":true}").path("deletionForbidden")
        .asBoolean());

    for (String path : new String[] {"/api/v1/disks/" + disk, "/api/v1/images/" + imageId, "/api/v1/vms/qos-vm",
        "/api/v1/networks/x-1", "/api/v1/specs/x-1", "/api/v1/disks/" + disk + "/snapshots/x-1",
        "/api/v1/notification-contacts/x-1", "/api/v1/accounts/x-1"}) {
      Api.Reply r = send("DELETE", path, null);
      assertEquals(409, r.status(), path + ": " + r);
      assertEquals("deletion_forbidden", r.json().path("code").asText(), r.toString());
      assertTrue(r.json().path("message").asText().contains("deletion policy"), r.toString());
    }
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk).path("state").asText(), "the disk is still there");
    // settings and non-deleting operations still work
    assertEquals(2, put("/api/v1/settings/disks", "{\"maxSnapshotsPerDisk\":2}").path("maxSnapshotsPerDisk").asInt());
    assertFalse(new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token).settings()
        .setDeletionForbidden(false).deletionForbidden());
    api.succeeded(token, send("DELETE", "/api/v1/disks/" + disk, null));
  }

  @Test
  @Order(5)
  void aBadCertificateIsRefusedNamingTheFieldAndTheRule() throws Exception {
    String path = "/api/v1/settings/tls-certificate";
    Pem.Identity good = Pem.selfSigned("bad-cases");
    Pem.Identity other = Pem.selfSigned("other");
    Instant now = Instant.now();
    Pem.Identity expired = Pem.selfSigned("expired", "EC", now.minus(Duration.ofDays(30)),
        now.minus(Duration.ofDays(1)));
    Pem.Identity future = Pem.selfSigned("future", "RSA", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    refused(422, "certificateChain", "required", send("PUT", path, body("", good.key())));
    refused(422, "certificateChain", "CERTIFICATE", send("PUT", path, body("not pem", good.key())));
    refused(422, "privateKey", "PEM private key", send("PUT", path, body(good.chain(), good.chain())));
    refused(422, "privateKey", "does not match", send("PUT", path, body(good.chain(), other.key())));
    refused(422, "certificateChain", "expired", send("PUT", path, body(expired.chain(), expired.key())));
    refused(422, "certificateChain", "not valid before", send("PUT", path, body(future.chain(), future.key())));
    assertEquals(server.fingerprint(), get(path).path("sha256Fingerprint").asText(), "nothing replaced");
    assertEquals("SELF_SIGNED", get(path).path("source").asText());
  }

  private static String body(String chain, String key) throws Exception {
    return Api.JSON.writeValueAsString(Map.of("certificateChain", chain, "privateKey", key));
  }

  @Test
  @Order(6)
  void anUploadedCertificateIsPresentedByTheNextConnectionWithoutARestart() throws Exception {
    String old = server.fingerprint();
    assertEquals(old, presented(), "the listener presents the generated certificate");
    JsonNode current = get("/api/v1/settings/tls-certificate");
    assertEquals(old, current.path("sha256Fingerprint").asText());
    assertTrue(current.path("subject").asText().contains("O=Vireo appliance"), current.toString());

    Pem.Identity next = Pem.selfSigned("vireo.example.com", "RSA", Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(90)));
    Api.Reply r = send("PUT", "/api/v1/settings/tls-certificate", body(next.chain(), next.key()));
    assertEquals(200, r.status(), r.toString());
    assertEquals(next.fingerprint(), r.json().path("sha256Fingerprint").asText());
    assertEquals("UPLOADED", r.json().path("source").asText());
    assertNotEquals(old, next.fingerprint());

    assertEquals(next.fingerprint(), presented(), "a new TLS connection sees the new certificate");
    assertEquals(next.fingerprint(), server.fingerprint());
    assertEquals(next.fingerprint() + "\n", java.nio.file.Files.readString(server.dataDir().resolve("fingerprint")));
    Api pinnedOld = new Api(server.baseUrl(), old);
    assertThrows(Exception.class, () -> pinnedOld.send("GET", "/api/v1/ping", token, null));
    ServerCertificateInfo info = new VireoClient(URI.create(server.baseUrl()), next.fingerprint(), token).settings()
        .tlsCertificate();
    assertEquals("CN=vireo.example.com,O=Vireo test", info.subject());
    assertEquals(1, info.chainLength());
  }

  /** The SHA-256 fingerprint the server presents to a fresh TLS connection (no session to resume). */
  private String presented() throws Exception {
    X509Certificate[] seen = new X509Certificate[1];
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen[0] = chain[0];
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, new SecureRandom());
    URI u = URI.create(server.baseUrl());
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      s.startHandshake();
    }
    return Pem.fingerprint(seen[0]);
  }
}
