package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vireo events list|export} send the filters as the API's query and show the events (ADR 0035). */
class ResourceEventCliTest extends LoggedInCliTest {
  private static final String PAGE = "{\"items\":[{\"id\":3,\"resourceId\":\"vm-1\",\"resourceType\":\"vm\","
      + "\"regionId\":\"region-1\",\"eventType\":\"Start VM failed\",\"level\":\"ERROR\","
      + "\"content\":\"no node has 4 free vCPUs\",\"count\":2,\"firstAt\":\"2026-12-07T08:00:00Z\","
      + "\"lastAt\":\"2026-12-07T08:05:00Z\"}],\"total\":1,\"offset\":0,\"limit\":100}";

  @Test
  void listsTheFilteredEventsWithTheirCounts() throws Exception {
    api.on("GET", "/api/v1/resource-events", 200, PAGE);
    CliRun r = CliRun.run(profile, "events", "list", "--type", "vm", "--resource", "vm-1", "--level",
        "warning,error", "--event-type", "Start VM failed", "--since", "7d");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Start VM failed") && r.stdout().contains("no node has 4 free vCPUs"), r.stdout());
    String uri = api.requests("GET", "/api/v1/resource-events").get(0).uri();
    assertTrue(uri.contains("resourceType=vm") && uri.contains("resourceId=vm-1")
        && uri.contains("level=WARNING%2CERROR") && uri.contains("eventType=Start%20VM%20failed")
        && uri.contains("from=") && uri.contains("limit=100"), uri);
  }

  @Test
  void exportsToTheNamedFile(@TempDir Path out) throws Exception {
    api.on("GET", "/api/v1/resource-events/export", 200, "PK-not-really-a-workbook");
    Path file = out.resolve("events.xlsx");
    CliRun r = CliRun.run(profile, "events", "export", file.toString(), "--level", "error");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("PK-not-really-a-workbook", Files.readString(file));
    assertTrue(api.requests("GET", "/api/v1/resource-events/export").get(0).uri().contains("level=ERROR"));
  }

  @Test
  void badFiltersAreUsageErrors() throws Exception {
    CliRun level = CliRun.run(profile, "events", "list", "--level", "loud");
    assertEquals(2, level.exitCode(), level.stdout());
    assertTrue(level.stderr().contains("--level must be normal, warning or error"), level.stderr());
    CliRun type = CliRun.run(profile, "events", "list", "--type", "disk");
    assertEquals(2, type.exitCode());
    assertTrue(type.stderr().contains("--type must be vm or node"), type.stderr());
  }
}
