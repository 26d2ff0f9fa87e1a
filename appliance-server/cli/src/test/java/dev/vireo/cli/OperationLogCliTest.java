package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vireo oplog list|export} send the filters as the API's query and show the entries (ADR 0032). */
class OperationLogCliTest extends LoggedInCliTest {
  private static final String PAGE = "{\"items\":[{\"id\":7,\"operation\":\"startVm\",\"module\":\"vms\","
      + "\"method\":\"POST\",\"path\":\"/api/v1/vms/vm-1/start\",\"regionId\":\"region-1\",\"resources\":[\"vm-1\"],"
      + "\"operator\":\"admin\",\"sourceIp\":\"127.0.0.1\",\"result\":\"FAILED\",\"status\":202,\"errorCode\":null,"
      + "\"reason\":\"no node has 4 free vCPUs\",\"remark\":null,\"jobId\":\"job-1\","
      + "\"occurredAt\":\"2026-12-07T08:00:00Z\",\"finishedAt\":\"2026-12-07T08:00:02Z\"}],"
      + "\"total\":1,\"offset\":0,\"limit\":100}";

  @Test
  void listsTheFilteredEntriesWithTheirReasons() throws Exception {
    api.on("GET", "/api/v1/operation-logs", 200, PAGE);
    CliRun r = CliRun.run(profile, "oplog", "list", "--module", "vms,storage", "--result", "failed", "--since", "7d");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("startVm") && r.stdout().contains("no node has 4 free vCPUs"), r.stdout());
    String uri = api.requests("GET", "/api/v1/operation-logs").get(0).uri();
    assertTrue(uri.contains("module=vms%2Cstorage") && uri.contains("result=FAILED") && uri.contains("from=")
        && uri.contains("limit=100"), uri);
  }

  @Test
  void exportsToTheNamedFile(@TempDir Path out) throws Exception {
    api.on("GET", "/api/v1/operation-logs/export", 200, "PK-not-really-a-workbook");
    Path file = out.resolve("log.xlsx");
    CliRun r = CliRun.run(profile, "oplog", "export", file.toString(), "--result", "succeeded");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("PK-not-really-a-workbook", Files.readString(file));
    assertTrue(api.requests("GET", "/api/v1/operation-logs/export").get(0).uri().contains("result=SUCCEEDED"));
  }

  @Test
  void badFiltersAreUsageErrors() throws Exception {
    CliRun r = CliRun.run(profile, "oplog", "list", "--result", "maybe");
    assertEquals(2, r.exitCode(), r.stdout());
    assertTrue(r.stderr().contains("--result must be succeeded, failed or running"), r.stderr());
    CliRun since = CliRun.run(profile, "oplog", "list", "--since", "yesterday");
    assertEquals(2, since.exitCode());
    assertTrue(since.stderr().contains("--since must be"), since.stderr());
    assertEquals(Duration.ofDays(7), OperationLogCommands.duration("7d"));
    assertEquals(Duration.ofMinutes(90), OperationLogCommands.duration("90m"));
  }
}
