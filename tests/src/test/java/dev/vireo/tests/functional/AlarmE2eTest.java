package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.vireo.api.model.Accepted;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.GuestShell;
import dev.vireo.tests.support.VireoLab;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8's alarm chain on the real thing (ADR 0036): a busy loop in the real test guest drives
 * its CPU over a template's threshold; the alarm goes PENDING, then FIRING after the rule's
 * duration, and its notification arrives by mail at a real SMTP server (GreenMail, with AUTH) and
 * at a webhook receiver; when the loop is killed the alarm resolves and both are told again.
 */
@Tag("e2e")
@Timeout(480)
class AlarmE2eTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static VireoLab lab;
  private static GreenMail smtp;
  private static HttpServer hooks;
  private static final List<JsonNode> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void up() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtp.setUser("ops@example.com", "vireo-mailer", "mail-secret");
    hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hooks.createContext("/hook", ex -> {
      received.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hooks.start();
    lab = VireoLab.start("alarms");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
    if (hooks != null) {
      hooks.stop(0);
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void aBusyGuestFiresACpuAlarmToMailAndWebhookAndItResolvesWhenTheLoadStops() throws Exception {
    ok(200, "PUT", "/api/v1/settings/smtp", "{\"host\":\"127.0.0.1\",\"port\":" + smtp.getSmtp().getPort()
        + ",\"security\":\"NONE\",\"username\":\"vireo-mailer\",\"password\":\"mail-secret\","
        + "\"from\":\"vireo@example.com\"}");
    String mail = id(ok(201, "POST", "/api/v1/notification-contacts",
        "{\"name\":\"ops-mail\",\"kind\":\"EMAIL\",\"email\":\"ops@example.com\"}"));
    String hook = id(ok(201, "POST", "/api/v1/notification-contacts", "{\"name\":\"ops-hook\",\"kind\":\"WEBHOOK\","
        + "\"url\":\"http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook\",\"method\":\"POST\"}"));
    String group = id(ok(201, "POST", "/api/v1/notification-groups", "{\"name\":\"ops\",\"contactIds\":[\"" + mail
        + "\",\"" + hook + "\"]}"));

    Accepted a = lab.createVm("busy", true);
    lab.succeed(a, Duration.ofSeconds(120));
    String vm = a.resourceId();
    String template = ok(201, "POST", "/api/v1/alarm-templates", "{\"name\":\"busy-vms\",\"resourceType\":\"vm\","
        + "\"rules\":[{\"metric\":\"cpu_usage_percent\",\"comparator\":\">=\",\"threshold\":50,"
        + "\"durationSeconds\":20,\"severity\":\"CRITICAL\",\"notificationGroupId\":\"" + group + "\"}]}")
        .json().path("id").asText();
    ok(200, "POST", "/api/v1/alarm-templates/" + template + "/bindings", "{\"resourceIds\":[\"" + vm + "\"]}");
    GuestShell.awaitAgent(lab, vm, Duration.ofSeconds(120));
    GuestShell.sh(vm, "busybox sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 & echo $! > /tmp/busy.pid; "
        + "sleep 1; kill -0 $(cat /tmp/busy.pid)");

    lab.await("a FIRING alarm of " + vm, Duration.ofSeconds(120), () -> alarms(vm, "FIRING").size() == 1);
    JsonNode firing = alarms(vm, "FIRING").get(0);
    assertEquals("CRITICAL", firing.path("severity").asText());
    assertTrue(firing.path("currentValue").asDouble() >= 50, firing.toString());
    assertTrue(java.time.Instant.parse(firing.path("firedAt").asText()).getEpochSecond()
        - java.time.Instant.parse(firing.path("startedAt").asText()).getEpochSecond() >= 20, "held the duration first");
    lab.await("the firing mail", Duration.ofSeconds(30), () -> subjects().stream().anyMatch(s -> s.contains("firing")));
    lab.await("the firing webhook", Duration.ofSeconds(30), () -> hookStates().contains("FIRING"));
    JsonNode hookBody = received.stream().filter(j -> j.toString().contains("FIRING")).findFirst().orElseThrow();
    assertTrue(hookBody.toString().contains(vm), hookBody.toString());

    GuestShell.sh(vm, "kill $(cat /tmp/busy.pid)");
    lab.await("the alarm RESOLVED", Duration.ofSeconds(120), () -> alarms(vm, "RESOLVED").size() == 1);
    assertEquals(0, alarms(vm, "FIRING,PENDING").size());
    lab.await("the resolved mail", Duration.ofSeconds(30), () -> subjects().stream().anyMatch(s -> s.contains("resolved")));
    lab.await("the resolved webhook", Duration.ofSeconds(30), () -> hookStates().contains("RESOLVED"));
    assertEquals(1, subjects().stream().filter(s -> s.contains("firing")).count(), "told once per firing: " + subjects());
  }

  private static List<JsonNode> alarms(String vm, String states) {
    try {
      Api.Reply r = ok(200, "GET", "/api/v1/alarms?resourceId=" + vm + "&state=" + states, null);
      List<JsonNode> out = new java.util.ArrayList<>();
      r.json().path("items").forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> subjects() {
    return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return ((MimeMessage) m).getSubject();
      } catch (Exception e) {
        return "";
      }
    }).toList();
  }

  private static String hookStates() {
    return received.toString();
  }

  private static String id(Api.Reply r) {
    JsonNode j = r.json();
    return j.has("resourceId") ? j.path("resourceId").asText() : j.path("id").asText();
  }

  private static Api.Reply ok(int status, String method, String path, String body) throws Exception {
    Api.Reply r = lab.api().send(method, path, lab.client().token(), body);
    assertEquals(status, r.status(), method + " " + path + ": " + r);
    if (r.status() == 202) {
      lab.api().succeeded(lab.client().token(), r);
    }
    return r;
  }
}
