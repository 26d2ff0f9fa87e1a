package dev.vireo.server.oplog;

import dev.vireo.api.model.OperationLogEntry;
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

/** Query and Excel export of the operation log (white paper 5.12). */
public final class OperationLogRoutes {
  /** The most rows one export holds; narrower filters export the rest. */
  public static final int MAX_EXPORT_ROWS = 100_000;
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final List<String> COLUMNS = List.of("Time (UTC)", "Operation", "Module", "Region", "Resources",
      "Operator", "Result", "Reason", "Remark", "Source IP", "Status", "Method", "Path", "Job", "Finished (UTC)");
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private final OperationLog log;

  public OperationLogRoutes(OperationLog log) {
    this.log = log;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/operation-logs", Access.USER, r -> {
      OperationLogQuery q = OperationLogQuery.from(r);
      return Response.ok(log.page(q, r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", 100, 1, 1000)));
    }).get("/api/v1/operation-logs/export", Access.USER, r -> {
      OperationLogQuery q = OperationLogQuery.from(r);
      long n = log.count(q);
      if (n > MAX_EXPORT_ROWS) {
        throw new ApiException(422, "invalid", "from", "from: " + n + " entries match; one export holds at most "
            + MAX_EXPORT_ROWS + ", narrow the time range or filter by module or result");
      }
      byte[] xlsx = xlsx(log.page(q, 0, (int) Math.max(n, 1)).items());
      r.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
          "attachment; filename=\"operation-log-" + FILE_TIME.format(q.to()) + ".xlsx\"");
      return Response.raw(200, xlsx, XLSX);
    });
  }

  static byte[] xlsx(List<OperationLogEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxWriter sheet = new XlsxWriter(out, "Operation log", COLUMNS)) {
      for (OperationLogEntry e : entries) {
        sheet.row(Arrays.asList(e.occurredAt(), e.operation(), e.module(), e.regionId(),
            String.join(", ", e.resources()), e.operator(), e.result().name(), e.reason(), e.remark(), e.sourceIp(),
            e.status(), e.method(), e.path(), e.jobId(), e.finishedAt()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
