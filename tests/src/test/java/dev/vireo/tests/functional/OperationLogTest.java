package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.OpenApi;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The operation log (white paper 5.12, ADR 0032) on a server with a fake node: every mutating
 * operation of openapi.yaml refused with bad input leaves exactly one FAILED entry with the
 * refusal's reason (the successes are checked by {@link OpenApiConformanceTest}); logins, logouts,
 * jobs' outcomes, console tickets; filters; and the .xlsx export read back with Apache POI.
 */
class OperationLogTest extends FakeNodeApiTest {
  private final Instant start = Instant.now().minusSeconds(5);

  @TestFactory
  Stream<DynamicTest> everyMutatingOperationLogsItsRefusalWithTheReason() throws Exception {
    OpenApi spec = OpenApi.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (String op : spec.operations()) {
      if (op.startsWith("GET ")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(op, () -> {
        String method = op.substring(0, op.indexOf(' '));
        String path = op.substring(op.indexOf(' ') + 1).replace("{index}", "0").replaceAll("\\{[^}]+}", "nothing-here");
        boolean logout = op.equals("POST /api/v1/auth/logout");
        String bearer = spec.operation(op).path("tags").path(0).asText().equals("agent") ? server.joinToken()
            : logout ? server.login() : token;
        long all = total("");
        long before = OperationLogAssertions.logged(server, token, spec, op);
        Api.Reply r = api.send(method, path, bearer, method.equals("DELETE") ? null : "application/json",
            method.equals("DELETE") ? null : "{", java.util.Map.of());
        if (!OperationLogAssertions.isRecorded(spec, op)) {
          assertEquals(all, total(""), op + " is an agent report: not an operation");
          return;
        }
        assertTrue(logout || r.status() >= 400, op + " took bad input: " + r);
        JsonNode entry = OperationLogAssertions.loggedOnce(server, token, spec, op, before, r);
        assertEquals(all + 1, total(""), op + " left other entries too");
        assertEquals(path, entry.path("path").asText(), "the path as called (the OAuth endpoints lie outside /api/v1)");
        if (path.contains("nothing-here")) {
          assertTrue(entry.path("resources").toString().contains("nothing-here"), entry.toString());
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void loginsAndLogoutsNameTheOperator() throws Exception {
    Api.Reply wrong = api.send("POST", "/api/v1/auth/login", null,
        "{\"username\":\"admin\",\"password\":\"not-the-password\"}");
    assertEquals(401, wrong.status());
    JsonNode failed = newest("operation=login&result=FAILED");
    assertEquals("admin", failed.path("operator").asText());
    assertEquals("auth", failed.path("module").asText());
    assertEquals("wrong username or password", failed.path("reason").asText());
    assertEquals(401, failed.path("status").asInt());

    String other = server.login();
    JsonNode ok = newest("operation=login&result=SUCCEEDED");
    assertEquals("admin", ok.path("operator").asText());
    assertEquals(204, api.send("POST", "/api/v1/auth/logout", other, null).status());
    JsonNode out = newest("operation=logout");
    assertEquals("admin", out.path("operator").asText());
    assertEquals("SUCCEEDED", out.path("result").asText());
  }

  @Test
  void aJobsFailureBecomesTheEntrysResultAndReason() throws Exception {
    String vm = createVm(name("jobs"), false);
    JsonNode created = newest("operation=createVm&resource=" + vm);
    assertEquals("SUCCEEDED", created.path("result").asText(), created.toString());
    assertTrue(created.path("jobId").asText().startsWith("job-"), created.toString());
    assertEquals(get("/api/v1/regions").path("items").path(0).path("id").asText(), created.path("regionId").asText(),
        created.toString());

    String disk = createDisk(name("disk"), 10);
    node.failDiskCommands("the fake node refuses disk commands");
    try {
      Api.Reply attach = api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}");
      assertEquals(202, attach.status(), attach.toString());
      JsonNode job = api.waitForJob(token, attach.json().path("jobId").asText());
      assertEquals("FAILED", job.path("state").asText(), job.toString());
      JsonNode entry = awaitFinal("operation=attachDisk&resource=" + disk);
      assertEquals("FAILED", entry.path("result").asText(), entry.toString());
      assertEquals(job.path("error").asText(), entry.path("reason").asText(), entry.toString());
      assertTrue(entry.path("reason").asText().contains("the fake node refuses disk commands"), entry.toString());
      assertEquals(202, entry.path("status").asInt());
      assertTrue(entry.path("resources").toString().contains(vm), entry.toString());
    } finally {
      node.failDiskCommands(null);
    }
  }

  @Test
  void eachConsoleTicketIsLogged() throws Exception {
    String vm = createVm(name("console"), true);
    Api.Reply ticket = api.send("POST", "/api/v1/vms/" + vm + "/console", token, "{\"protocol\":\"VNC\"}");
    assertEquals(201, ticket.status(), ticket.toString());
    JsonNode entry = newest("operation=createConsoleTicket&resource=" + vm);
    assertEquals("SUCCEEDED", entry.path("result").asText());
    assertEquals("admin", entry.path("operator").asText());
    assertTrue(entry.path("remark").asText().startsWith("VNC console ticket " + ticket.json().path("id").asText()),
        entry.toString());
    assertTrue(!entry.toString().contains(ticket.json().path("password").asText()), "no secret in the log");
  }

  @Test
  void filtersRefuseBadInputAndTheExportHoldsTheFilteredRows() throws Exception {
    for (int i = 0; i < 3; i++) {
      api.send("POST", "/api/v1/specs", token, "{\"name\":\"\"}");
    }
    long refused = total("module=inventory&result=FAILED");
    assertTrue(refused >= 3, "refused spec creates: " + refused);
    assertEquals(0, total("module=inventory&result=FAILED&from=" + Instant.now().plusSeconds(60) + "&to="
        + Instant.now().plusSeconds(120)));
    assertEquals(0, total("module=no-such-module"));

    assertBad("result=MAYBE", "result");
    assertBad("from=yesterday", "from");
    assertBad("from=" + Instant.now().minus(200, ChronoUnit.DAYS), "from");
    assertBad("from=" + Instant.now().plusSeconds(3600), "from");
    assertBad("limit=5000", "limit");
    assertBad("module=" + "x".repeat(400), "module");

    String filter = "module=inventory&result=FAILED&from=" + start;
    HttpResponse<byte[]> export = api.download("/api/v1/operation-logs/export?" + filter, token);
    assertEquals(200, export.statusCode(), new String(export.body()));
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        export.headers().firstValue("Content-Type").orElse(""));
    assertTrue(export.headers().firstValue("Content-Disposition").orElse("").contains(".xlsx"));
    JsonNode page = api.send("GET", "/api/v1/operation-logs?" + filter + "&limit=1000", token, null).json();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
      Sheet sheet = book.getSheetAt(0);
      assertEquals("Operation log", sheet.getSheetName());
      Row header = sheet.getRow(0);
      assertEquals("Time (UTC)", header.getCell(0).getStringCellValue());
      assertEquals("Operation", header.getCell(1).getStringCellValue());
      assertEquals("Reason", header.getCell(7).getStringCellValue());
      assertEquals(page.path("total").asInt(), sheet.getLastRowNum(), "one row per filtered entry");
      for (int i = 0; i < page.path("items").size(); i++) {
        JsonNode e = page.path("items").get(i);
        Row row = sheet.getRow(i + 1);
        assertEquals(e.path("operation").asText(), text(row.getCell(1)));
        assertEquals("inventory", text(row.getCell(2)));
        assertEquals("FAILED", text(row.getCell(6)));
        assertEquals(e.path("reason").asText(), text(row.getCell(7)));
        assertEquals(e.path("status").asInt(), (int) row.getCell(10).getNumericCellValue());
        Instant at = row.getCell(0).getLocalDateTimeCellValue().toInstant(java.time.ZoneOffset.UTC);
        assertTrue(Math.abs(at.toEpochMilli() - Instant.parse(e.path("occurredAt").asText()).toEpochMilli()) < 1000,
            "time cell " + at + " vs " + e.path("occurredAt"));
      }
    }
  }

  private static String text(Cell c) {
    return c == null ? "" : c.getStringCellValue();
  }

  private void assertBad(String query, String field) throws Exception {
    Api.Reply r = api.send("GET", "/api/v1/operation-logs?" + query, token, null);
    assertRefused(422, field, field, r);
    Api.Reply x = api.send("GET", "/api/v1/operation-logs/export?" + query.replace("limit=5000", "result=NOPE"), token,
        null);
    assertEquals(422, x.status(), x.toString());
  }

  private long total(String query) throws Exception {
    String q = query.contains("from=") ? query : query + (query.isEmpty() ? "" : "&") + "from=" + start;
    Api.Reply r = api.send("GET", "/api/v1/operation-logs?" + q + "&limit=1", token, null);
    assertEquals(200, r.status(), r.toString());
    return r.json().path("total").asLong();
  }

  private JsonNode newest(String query) throws Exception {
    Api.Reply r = api.send("GET", "/api/v1/operation-logs?" + query + "&from=" + start + "&limit=1", token, null);
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.json().path("total").asInt() > 0, "no entry for " + query);
    return r.json().path("items").path(0);
  }

  private JsonNode awaitFinal(String query) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode e = newest(query);
    while (e.path("result").asText().equals("RUNNING") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      e = newest(query);
    }
    return e;
  }

  private String name(String what) {
    return "oplog-" + what + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
  }
}
