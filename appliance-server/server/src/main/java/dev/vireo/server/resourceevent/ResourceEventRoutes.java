package dev.vireo.server.resourceevent;

import dev.vireo.api.model.ResourceEvent;
import dev.vireo.server.export.XlsxExport;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import java.util.Arrays;
import java.util.List;

/** Query and Excel export of resource events (white paper 5.13.1). */
public final class ResourceEventRoutes {
  static final List<String> COLUMNS = List.of("Last time (UTC)", "First time (UTC)", "Resource", "Resource type",
      "Region", "Event type", "Level", "Content", "Count");

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
      XlsxExport.refuseMoreThanMax(n, "events", "narrow the time range or filter by resource or level");
      return XlsxExport.attachment(r, "resource-events", q.to(), xlsx(log.page(q, 0, (int) Math.max(n, 1)).items()));
    });
  }

  static byte[] xlsx(List<ResourceEvent> events) {
    return XlsxExport.workbook("Resource events", COLUMNS, events, e -> Arrays.asList(e.lastAt(), e.firstAt(),
        e.resourceId(), e.resourceType(), e.regionId(), e.eventType(), e.level().name(), e.content(), e.count()));
  }
}
