package dev.vireo.server.resourceevent;

import dev.vireo.api.model.ResourceEvent;
import dev.vireo.server.export.XlsxWriter;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** Query and Excel export of resource events (white paper 5.13.1). */
public final class ResourceEventRoutes {
  /** The most rows one export holds; narrower filters export the rest. */
  public static final int MAX_EXPORT_ROWS = 100_000;
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final List<String> COLUMNS = List.of("Last time (UTC)", "First time (UTC)", "Resource", "Resource type",
      "Region", "Event type", "Level", "Content", "Count");
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private final ResourceEventLog log;

  public ResourceEventRoutes(ResourceEventLog log) {
    this.log = log;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/resource-events", Access.USER, r -> {
      ResourceEventQuery q = ResourceEventQuery.from(r);
      return Response.ok(log.page(q, r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", 100, 1, 1000)));
    }).get("/api/v1/resource-events/export", Access.USER, r -> {
      ResourceEventQuery q = ResourceEventQuery.from(r);
      long n = log.count(q);
      if (n > MAX_EXPORT_ROWS) {
        throw new ApiException(422, "invalid", "from", "from: " + n + " events match; one export holds at most "
            + MAX_EXPORT_ROWS + ", narrow the time range or filter by resource or level");
      }
      byte[] xlsx = xlsx(log.page(q, 0, (int) Math.max(n, 1)).items());
      r.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
          "attachment; filename=\"resource-events-" + FILE_TIME.format(q.to()) + ".xlsx\"");
      return Response.raw(200, xlsx, XLSX);
    });
  }

  static byte[] xlsx(List<ResourceEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxWriter sheet = new XlsxWriter(out, "Resource events", COLUMNS)) {
      for (ResourceEvent e : events) {
        sheet.row(Arrays.asList(e.lastAt(), e.firstAt(), e.resourceId(), e.resourceType(), e.regionId(),
            e.eventType(), e.level().name(), e.content(), e.count()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
