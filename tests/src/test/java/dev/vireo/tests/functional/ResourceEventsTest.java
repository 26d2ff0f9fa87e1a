package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Resource events (white paper 5.13.1, ADR 0035) on a server with a fake node: a VM's starts and
 * stops as counted lifecycle events, its jobs' outcomes (a failure with its reason), a guest that
 * stops on its own, the filters, bad filter values refused naming the parameter, and the .xlsx
 * export read back with Apache POI.
 */
class ResourceEventsTest extends FakeNodeApiTest {
  private final Instant start = Instant.now().minusSeconds(5);

  @Test
  void startsAndStopsAreCountedLifecycleEventsWithTheVmsRegion() throws Exception {
    String vm = createVm(name("cycle"), false);
    for (int i = 0; i < 2; i++) {
      api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
      api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/stop", token, null));
    }
    JsonNode started = only("resourceId=" + vm + "&eventType=VM%20started");
    assertEquals(2, started.path("count").asInt(), started.toString());
    assertEquals("NORMAL", started.path("level").asText());
    assertEquals("vm", started.path("resourceType").asText());
    assertEquals("STOPPED → RUNNING", started.path("content").asText());
    assertTrue(Instant.parse(started.path("lastAt").asText()).isAfter(Instant.parse(started.path("firstAt").asText())),
        started.toString());
    JsonNode stopped = only("resourceId=" + vm + "&eventType=VM%20stopped");
    assertEquals(2, stopped.path("count").asInt(), stopped.toString());
    assertEquals("RUNNING → STOPPED", stopped.path("content").asText());
    assertEquals(2, only("resourceId=" + vm + "&eventType=Start%20VM%20succeeded").path("count").asInt());
    JsonNode created = only("resourceId=" + vm + "&eventType=Create%20VM%20succeeded");
    assertTrue(created.path("content").asText().contains("node-"), created.toString());

    String region = get("/api/v1/regions").path("items").path(0).path("id").asText();
    assertEquals(region, started.path("regionId").asText());
    // VM started, VM stopped, Create / Start / Stop VM succeeded
    assertEquals(5, total("resourceId=" + vm + "&regionId=" + region + "&resourceType=vm&level=normal"));
    assertEquals(0, total("resourceId=" + vm + "&resourceType=node"));
    assertEquals(0, total("resourceId=" + vm + "&regionId=no-such-region"));
    assertEquals(0, total("resourceId=" + vm + "&from=" + Instant.now().plusSeconds(60) + "&to="
        + Instant.now().plusSeconds(120)));
  }

  @Test
  void aFailedJobIsAnErrorEventWithItsReason() throws Exception {
    String vm = createVm(name("fail"), false);
    String disk = createDisk(name("disk"), 10);
    node.failDiskCommands("the fake node refuses disk commands");
    try {
      Api.Reply attach = api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}");
      assertEquals(202, attach.status(), attach.toString());
      JsonNode job = api.waitForJob(token, attach.json().path("jobId").asText());
      assertEquals("FAILED", job.path("state").asText(), job.toString());
      JsonNode failed = only("resourceId=" + vm + "&level=WARNING,ERROR");
      assertEquals("Attach disk failed", failed.path("eventType").asText(), failed.toString());
      assertEquals("ERROR", failed.path("level").asText());
      assertEquals(job.path("error").asText(), failed.path("content").asText());
      assertTrue(failed.path("content").asText().contains("the fake node refuses disk commands"), failed.toString());
    } finally {
      node.failDiskCommands(null);
    }
  }

  @Test
  void aGuestThatStopsOnItsOwnIsAWarning() throws Exception {
    String vm = createVm(name("crash"), true);
    node.stopOnItsOwn(vm);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (total("resourceId=" + vm + "&level=WARNING") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    JsonNode stopped = only("resourceId=" + vm + "&level=WARNING");
    assertEquals("VM stopped unexpectedly", stopped.path("eventType").asText(), stopped.toString());
    assertEquals("RUNNING → STOPPED", stopped.path("content").asText());
  }

  @Test
  void badFilterValuesAreRefusedNamingTheParameter() throws Exception {
    assertBad("level=LOUD", "level");
    assertBad("level=NORMAL,LOUD", "level");
    assertBad("resourceType=disk", "resourceType");
    assertBad("resourceId=" + "x".repeat(100), "resourceId");
    assertBad("regionId=a%20b", "regionId");
    assertBad("eventType=%3Cscript%3E", "eventType");
    assertBad("from=yesterday", "from");
    assertBad("from=" + Instant.now().minus(200, ChronoUnit.DAYS), "from");
    assertBad("from=" + Instant.now().plusSeconds(3600), "from");
    assertBad("to=soon", "to");
    assertBad("limit=5000", "limit");
    assertBad("offset=-1", "offset");
  }

  @Test
  void theExportHoldsTheFilteredEvents() throws Exception {
    String vm = createVm(name("export"), false);
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
    String filter = "resourceId=" + vm + "&from=" + start;
    HttpResponse<byte[]> export = api.download("/api/v1/resource-events/export?" + filter, token);
    assertEquals(200, export.statusCode(), new String(export.body()));
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        export.headers().firstValue("Content-Type").orElse(""));
    String disposition = export.headers().firstValue("Content-Disposition").orElse("");
    assertTrue(disposition.matches("attachment; filename=\"resource-events-\\d{8}-\\d{6}\\.xlsx\""), disposition);
    JsonNode page = get("/api/v1/resource-events?" + filter + "&limit=1000");
    assertTrue(page.path("total").asInt() >= 3, page.toString());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
      Sheet sheet = book.getSheetAt(0);
      assertEquals("Resource events", sheet.getSheetName());
      Row header = sheet.getRow(0);
      assertEquals("Last time (UTC)", header.getCell(0).getStringCellValue());
      assertEquals("Event type", header.getCell(5).getStringCellValue());
      assertEquals("Count", header.getCell(8).getStringCellValue());
      assertEquals(page.path("total").asInt(), sheet.getLastRowNum(), "one row per filtered event");
      List<String> types = new ArrayList<>();
      for (int i = 0; i < page.path("items").size(); i++) {
        JsonNode e = page.path("items").get(i);
        Row row = sheet.getRow(i + 1);
        assertEquals(vm, row.getCell(2).getStringCellValue());
        assertEquals(e.path("eventType").asText(), row.getCell(5).getStringCellValue());
        assertEquals(e.path("level").asText(), row.getCell(6).getStringCellValue());
        assertEquals(e.path("count").asInt(), (int) row.getCell(8).getNumericCellValue());
        types.add(row.getCell(5).getStringCellValue());
      }
      assertTrue(types.contains("VM started") && types.contains("Start VM succeeded"), types.toString());
    }
  }

  private void assertBad(String query, String field) throws Exception {
    Api.Reply r = api.send("GET", "/api/v1/resource-events?" + query, token, null);
    assertRefused(422, field, field.equals("offset") || field.equals("limit") ? "must be" : "", r);
    if (!field.equals("offset") && !field.equals("limit")) {
      Api.Reply x = api.send("GET", "/api/v1/resource-events/export?" + query, token, null);
      assertRefused(422, field, "", x);
    }
  }

  private long total(String query) throws Exception {
    String q = query.contains("from=") ? query : query + "&from=" + start;
    return get("/api/v1/resource-events?" + q + "&limit=1").path("total").asLong();
  }

  private JsonNode only(String query) throws Exception {
    JsonNode page = get("/api/v1/resource-events?" + query + "&from=" + start);
    assertEquals(1, page.path("total").asInt(), query + ": " + page);
    return page.path("items").path(0);
  }

  private String name(String what) {
    return "events-" + what + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
  }
}
