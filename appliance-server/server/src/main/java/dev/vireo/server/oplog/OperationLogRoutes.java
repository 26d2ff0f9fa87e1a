package dev.vireo.server.oplog;

import dev.vireo.api.model.OperationLogEntry;
import dev.vireo.server.export.XlsxExport;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import java.util.Arrays;
import java.util.List;

/** Query and Excel export of the operation log (white paper 5.12). */
public final class OperationLogRoutes {
  static final List<String> COLUMNS = List.of("Time (UTC)", "Operation", "Module", "Region", "Resources",
      "Operator", "Result", "Reason", "Remark", "Source IP", "Status", "Method", "Path", "Job", "Finished (UTC)");

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
      XlsxExport.refuseMoreThanMax(n, "entries", "narrow the time range or filter by module or result");
      return XlsxExport.attachment(r, "operation-log", q.to(), xlsx(log.page(q, 0, (int) Math.max(n, 1)).items()));
    });
  }

  static byte[] xlsx(List<OperationLogEntry> entries) {
    return XlsxExport.workbook("Operation log", COLUMNS, entries, e -> Arrays.asList(e.occurredAt(), e.operation(),
        e.module(), e.regionId(), String.join(", ", e.resources()), e.operator(), e.result().name(), e.reason(),
        e.remark(), e.sourceIp(), e.status(), e.method(), e.path(), e.jobId(), e.finishedAt()));
  }
}
