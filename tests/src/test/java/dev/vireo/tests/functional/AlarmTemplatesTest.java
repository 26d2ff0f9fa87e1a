package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.agent.protocol.MetricsReport;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alarm templates, records and notification rules (ADR 0036) on a server with a fake node: every
 * bad template is a 422 naming the field; samples reported for the node fire and resolve an alarm
 * with its mail at a real SMTP server (GreenMail); operation-log and resource-event rules send the
 * matching entries; a group in use cannot be deleted.
 */
class AlarmTemplatesTest extends FakeNodeApiTest {
  private static final ObjectMapper PROTOCOL = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private GreenMail smtp;
  private String group;

  @BeforeAll
  void mail() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    send(200, "PUT", "/api/v1/settings/smtp", "{\"host\":\"127.0.0.1\",\"port\":" + smtp.getSmtp().getPort()
        + ",\"security\":\"NONE\",\"from\":\"vireo@example.com\"}");
    String contact = id(send(201, "POST", "/api/v1/notification-contacts",
        "{\"name\":\"ops-mail\",\"kind\":\"EMAIL\",\"email\":\"ops@example.com\"}"));
    group = id(send(201, "POST", "/api/v1/notification-groups", "{\"name\":\"ops\",\"contactIds\":[\"" + contact
        + "\"]}"));
  }

  @AfterAll
  void stopMail() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void badTemplatesAreRefusedNamingTheField() throws Exception {
    String ok = "{\"metric\":\"cpu_usage_percent\",\"comparator\":\">=\",\"threshold\":80,\"severity\":\"CRITICAL\"}";
    refused("{\"resourceType\":\"vm\",\"rules\":[" + ok + "]}", "name", "required");
    refused("{\"name\":\"t\",\"rules\":[" + ok + "]}", "resourceType", "required");
    refused("{\"name\":\"t\",\"resourceType\":\"disk\",\"rules\":[" + ok + "]}", "resourceType", "one of");
    refused("{\"name\":\"t\",\"resourceType\":\"storage_cluster\",\"rules\":[" + ok + "]}", "rules[0].metric",
        "not a storage_cluster metric");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[]}", "rules", "at least one");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[" + ok + ",{\"metric\":\"load1\",\"comparator\":\">\","
        + "\"threshold\":1,\"severity\":\"INFO\"}]}", "rules[1].metric", "not a vm metric");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[" + ok.replace(">=", "=>") + "]}", "rules[0].comparator",
        "one of");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[" + ok.replace("\"threshold\":80,", "") + "]}",
        "rules[0].threshold", "required");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[" + ok.replace("}", ",\"durationSeconds\":-1}") + "]}",
        "rules[0].durationSeconds", "between 0 and 86400");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[" + ok.replace(",\"severity\":\"CRITICAL\"", "") + "]}",
        "rules[0].severity", "required");
    refused("{\"name\":\"t\",\"resourceType\":\"vm\",\"rules\":[" + ok.replace("}", ",\"notificationGroupId\":\"ng-none\"}")
        + "]}", "rules[0].notificationGroupId", "does not exist");
    String t = send(201, "POST", "/api/v1/alarm-templates", "{\"name\":\"vm-cpu\",\"resourceType\":\"vm\",\"rules\":["
        + ok + "]}").json().path("id").asText();
    assertRefused(409, "name", "already exists", api.send("POST", "/api/v1/alarm-templates", token,
        "{\"name\":\"vm-cpu\",\"resourceType\":\"vm\",\"rules\":[" + ok + "]}"));
    assertRefused(422, "resourceIds[0]", "no vm", api.send("POST", "/api/v1/alarm-templates/" + t + "/bindings", token,
        "{\"resourceIds\":[\"" + node.nodeId() + "\"]}"));
    assertRefused(422, "resourceIds", "at least one", api.send("POST", "/api/v1/alarm-templates/" + t + "/bindings",
        token, "{\"resourceIds\":[]}"));
    assertRefused(422, "state", "comma-separated", api.send("GET", "/api/v1/alarms?state=BURNING", token, null));
    assertRefused(404, null, "does not exist", api.send("GET", "/api/v1/alarm-templates/at-none", token, null));
    send(204, "DELETE", "/api/v1/alarm-templates/" + t, null);
  }

  @Test
  void reportedSamplesFireAndResolveAnAlarmWhoseMailArrives() throws Exception {
    String n = node.nodeId();
    String t = send(201, "POST", "/api/v1/alarm-templates", "{\"name\":\"node-load\",\"resourceType\":\"node\","
        + "\"rules\":[{\"metric\":\"load1\",\"comparator\":\">\",\"threshold\":4,\"durationSeconds\":20,"
        + "\"severity\":\"IMPORTANT\",\"notificationGroupId\":\"" + group + "\"}]}").json().path("id").asText();
    JsonNode bound = send(200, "POST", "/api/v1/alarm-templates/" + t + "/bindings", "{\"resourceIds\":[\"" + n + "\","
        + "\"" + n + "\"]}").json();
    assertEquals(List.of(n), List.of(bound.path("resourceIds").get(0).asText()));
    assertEquals(1, bound.path("resourceIds").size(), "a repeated id binds once");
    Instant t0 = Instant.now().minusSeconds(60);
    report(n, t0, 6);
    assertEquals("PENDING", alarms("resourceId=" + n).path(0).path("state").asText());
    report(n, t0.plusSeconds(10), 7);
    report(n, t0.plusSeconds(20), 8);
    JsonNode firing = alarms("state=FIRING&severity=IMPORTANT&resourceType=node").path(0);
    assertEquals("FIRING", firing.path("state").asText(), firing.toString());
    assertEquals(8.0, firing.path("currentValue").asDouble());
    assertEquals(firing, get("/api/v1/alarms/" + firing.path("id").asText()));
    assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the firing mail");
    report(n, t0.plusSeconds(30), 1.5);
    assertEquals("RESOLVED", get("/api/v1/alarms/" + firing.path("id").asText()).path("state").asText());
    assertTrue(smtp.waitForIncomingEmail(10_000, 2), "the resolved mail");
    List<String> subjects = subjects();
    assertTrue(subjects.stream().anyMatch(s -> s.contains("IMPORTANT alarm firing: " + n + " load1 > 4 (now 8)")),
        subjects.toString());
    assertTrue(subjects.stream().anyMatch(s -> s.contains("alarm resolved")), subjects.toString());
    assertEquals(0, alarms("state=FIRING,PENDING&resourceId=" + n).size());

    assertRefused(409, null, "node-load", api.send("DELETE", "/api/v1/notification-groups/" + group, token, null));
    send(200, "DELETE", "/api/v1/alarm-templates/" + t + "/bindings/" + n, null);
    send(204, "DELETE", "/api/v1/alarm-templates/" + t, null);
  }

  @Test
  void aClusterAlarmFiresOnTheServersDerivedFigures() throws Exception {
    String n = node.nodeId();
    String cluster = get("/api/v1/nodes/" + n).path("clusterId").asText();
    String t = send(201, "POST", "/api/v1/alarm-templates", "{\"name\":\"busy-cluster\",\"resourceType\":"
        + "\"cluster\",\"rules\":[{\"metric\":\"cpu_usage_percent\",\"comparator\":\">=\",\"threshold\":90,"
        + "\"severity\":\"CRITICAL\"}]}").json().path("id").asText();
    assertRefused(422, "resourceIds[0]", "no cluster", api.send("POST", "/api/v1/alarm-templates/" + t + "/bindings",
        token, "{\"resourceIds\":[\"" + n + "\"]}"));
    send(200, "POST", "/api/v1/alarm-templates/" + t + "/bindings", "{\"resourceIds\":[\"" + cluster + "\"]}");
    Api.Reply r = api.send("POST", AgentHttp.METRICS_PATH, server.joinToken(), PROTOCOL.writeValueAsString(
        new MetricsReport(n, Instant.now(), List.of(new MetricSample("node", n, "cpu_usage_percent", 95),
            new MetricSample("cluster", cluster, "cpu_usage_percent", 1))))); // a cluster sample from an agent is ignored
    assertEquals(204, r.status(), r.toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
    while (alarms("state=FIRING&resourceType=cluster").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    JsonNode a = alarms("state=FIRING&resourceType=cluster").path(0);
    assertEquals(cluster, a.path("resourceId").asText(), a.toString());
    assertEquals(95.0, a.path("currentValue").asDouble(), "the mean of the one node, not the agent's cluster sample");
    JsonNode series = get("/api/v1/metrics?resourceType=cluster&resourceId=" + cluster + "&metric=gpu_total&to="
        + Instant.now().plusSeconds(60)); // [from, to): a sample of this very second counts
    assertTrue(series.path("points").size() > 0, series.toString());
    send(204, "DELETE", "/api/v1/alarm-templates/" + t, null);
  }

  @Test
  void operationLogAndResourceEventRulesSendWhatTheyMatch() throws Exception {
    assertRefused(422, "levels[0]", "one of", api.send("POST", "/api/v1/notification-rules", token,
        "{\"name\":\"r\",\"source\":\"OPERATION_LOG\",\"notificationGroupId\":\"" + group + "\",\"levels\":[\"NORMAL\"]}"));
    assertRefused(422, "modules[0]", "one of", api.send("POST", "/api/v1/notification-rules", token,
        "{\"name\":\"r\",\"source\":\"RESOURCE_EVENT\",\"notificationGroupId\":\"" + group + "\",\"modules\":[\"disk\"],"
        + "\"levels\":[\"ERROR\"]}"));
    assertRefused(422, "notificationGroupId", "required", api.send("POST", "/api/v1/notification-rules", token,
        "{\"name\":\"r\",\"source\":\"RESOURCE_EVENT\",\"levels\":[\"ERROR\"]}"));
    assertRefused(422, "regionId", "does not exist", api.send("POST", "/api/v1/notification-rules", token,
        "{\"name\":\"r\",\"source\":\"RESOURCE_EVENT\",\"regionId\":\"nowhere\",\"notificationGroupId\":\"" + group
        + "\",\"levels\":[\"ERROR\"]}"));
    String ops = send(201, "POST", "/api/v1/notification-rules", "{\"name\":\"failed-alarm-ops\",\"source\":"
        + "\"OPERATION_LOG\",\"notificationGroupId\":\"" + group + "\",\"modules\":[\"alarms\"],\"levels\":[\"failed\"]}")
        .json().path("id").asText();
    String events = send(201, "POST", "/api/v1/notification-rules", "{\"name\":\"vm-events\",\"source\":"
        + "\"RESOURCE_EVENT\",\"notificationGroupId\":\"" + group + "\",\"modules\":[\"vm\"],\"levels\":[\"NORMAL\"]}")
        .json().path("id").asText();
    int before = smtp.getReceivedMessages().length;
    api.send("POST", "/api/v1/alarm-templates", token, "{\"name\":\"\"}"); // a failed operation of module alarms
    send(200, "GET", "/api/v1/alarm-templates", null); // not a mutation: no entry, no mail
    assertTrue(smtp.waitForIncomingEmail(10_000, before + 1), "the failed operation's mail");
    assertTrue(subjects().stream().anyMatch(s -> s.startsWith("[Vireo] Operation FAILED: createAlarmTemplate by admin")),
        subjects().toString());
    createVm("rule-vm", true);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (subjects().stream().noneMatch(s -> s.contains("NORMAL event on vm-")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(subjects().stream().anyMatch(s -> s.contains("NORMAL event on vm-")), subjects().toString());
    assertEquals(2, get("/api/v1/notification-rules").path("total").asInt());
    assertEquals(1, get("/api/v1/notification-rules?source=RESOURCE_EVENT").path("total").asInt());
    send(200, "PUT", "/api/v1/notification-rules/" + ops, "{\"name\":\"failed-alarm-ops\",\"notificationGroupId\":\""
        + group + "\",\"levels\":[\"FAILED\",\"SUCCEEDED\"]}");
    assertEquals(2, get("/api/v1/notification-rules/" + ops).path("levels").size());
    send(204, "DELETE", "/api/v1/notification-rules/" + ops, null);
    send(204, "DELETE", "/api/v1/notification-rules/" + events, null);
  }

  private void report(String nodeId, Instant at, double load) throws Exception {
    Api.Reply r = api.send("POST", AgentHttp.METRICS_PATH, server.joinToken(), PROTOCOL.writeValueAsString(
        new MetricsReport(nodeId, at, List.of(new MetricSample("node", nodeId, "load1", load)))));
    assertEquals(204, r.status(), r.toString());
  }

  private JsonNode alarms(String query) throws Exception {
    return get("/api/v1/alarms?" + query).path("items");
  }

  private List<String> subjects() {
    return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return ((MimeMessage) m).getSubject();
      } catch (Exception e) {
        return "";
      }
    }).toList();
  }

  private void refused(String body, String field, String words) throws Exception {
    assertRefused(422, field, words, api.send("POST", "/api/v1/alarm-templates", token, body));
  }

  private Api.Reply send(int status, String method, String path, String body) throws Exception {
    Api.Reply r = api.send(method, path, token, body);
    assertEquals(status, r.status(), method + " " + path + ": " + r);
    if (r.status() == 202) {
      api.succeeded(token, r);
    }
    return r;
  }

  private static String id(Api.Reply r) {
    JsonNode j = r.json();
    return j.has("resourceId") ? j.path("resourceId").asText() : j.path("id").asText();
  }
}
