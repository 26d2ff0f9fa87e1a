package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code vireo alarm list|templates} send the filters as the API's query and show the records (ADR 0036). */
class AlarmCliTest extends LoggedInCliTest {
  private static final String ALARMS = "{\"items\":[{\"id\":\"alarm-1\",\"templateId\":\"at-1\",\"templateName\":"
      + "\"busy vms\",\"ruleId\":\"ar-1\",\"resourceType\":\"vm\",\"resourceId\":\"vm-1\",\"metric\":"
      + "\"cpu_usage_percent\",\"comparator\":\">=\",\"threshold\":80,\"durationSeconds\":60,\"severity\":\"CRITICAL\","
      + "\"state\":\"FIRING\",\"currentValue\":97.5,\"startedAt\":\"2026-12-07T08:00:00Z\",\"firedAt\":"
      + "\"2026-12-07T08:01:00Z\",\"resolvedAt\":null,\"updatedAt\":\"2026-12-07T08:01:00Z\"}],\"total\":1,"
      + "\"offset\":0,\"limit\":100}";

  @Test
  void listsTheFilteredAlarms() throws Exception {
    api.on("GET", "/api/v1/alarms", 200, ALARMS);
    CliRun r = CliRun.run(profile, "alarm", "list", "--state", "firing,pending", "--severity", "critical",
        "--resource", "vm-1");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("cpu_usage_percent >= 80 for 60s") && r.stdout().contains("97.50")
        && r.stdout().contains("FIRING"), r.stdout());
    String uri = api.requests("GET", "/api/v1/alarms").get(0).uri();
    assertTrue(uri.contains("state=FIRING,PENDING") && uri.contains("severity=CRITICAL")
        && uri.contains("resourceId=vm-1") && uri.contains("limit=100"), uri);
  }

  @Test
  void listsTheTemplates() throws Exception {
    api.on("GET", "/api/v1/alarm-templates", 200, "{\"items\":[{\"id\":\"at-1\",\"name\":\"busy vms\","
        + "\"resourceType\":\"vm\",\"description\":null,\"rules\":[],\"resourceIds\":[\"vm-1\",\"vm-2\"],"
        + "\"createdAt\":\"2026-12-07T08:00:00Z\"}],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = CliRun.run(profile, "alarm", "templates");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("busy vms") && r.stdout().contains("at-1"), r.stdout());
  }

  @Test
  void aBadStateIsAUsageError() throws Exception {
    CliRun r = CliRun.run(profile, "alarm", "list", "--state", "burning");
    assertEquals(2, r.exitCode(), r.stdout());
    assertTrue(r.stderr().contains("--state must be one of"), r.stderr());
  }
}
