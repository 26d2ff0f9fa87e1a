package dev.vireo.client.main;

import dev.vireo.api.client.OperationLogFilter;
import dev.vireo.api.model.OperationLogEntry;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The operation log of the last 24 hours, newest first (GET /api/v1/operation-logs), paged; reloaded when a job ends. */
public final class OperationLogScreen extends ResourceScreen<OperationLogEntry> {
  public OperationLogScreen(AppContext ctx, ResourceSession session) {
    super("oplog", "main.nav.operationLog", session, ResourceSource.paged((OperationLogEntry e) -> String.valueOf(e.id()),
        p -> ctx.client().operationLogs(OperationLogFilter.LAST_HOUR.since(Instant.now().minus(Duration.ofDays(1))), p))
        .liveOn("job").inRegion(OperationLogEntry::regionId), List.of(
        new ResourceColumn<>("main.col.time", OperationLogEntry::occurredAt),
        new ResourceColumn<>("main.col.operation", OperationLogEntry::operation),
        new ResourceColumn<>("main.col.module", OperationLogEntry::module),
        new ResourceColumn<>("main.col.resource", e -> String.join(", ", e.resources())),
        new ResourceColumn<>("main.col.operator", OperationLogEntry::operator),
        new ResourceColumn<>("main.col.result", OperationLogEntry::result),
        new ResourceColumn<>("main.col.reason", OperationLogEntry::reason)));
  }
}
