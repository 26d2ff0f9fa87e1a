package dev.vireo.client.main;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.ResourceEventFilter;
import dev.vireo.api.model.ResourceEvent;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** Resource events of the last 24 hours (GET /api/v1/resource-events), read-only. */
public final class ResourceEventsScreen extends ResourceScreen<ResourceEvent> {
  public ResourceEventsScreen(AppContext ctx) {
    super("main.nav.events", ctx, () -> ctx.client().resourceEvents(ResourceEventFilter.LAST_DAY, Paging.FIRST_1000)
        .items(), List.of(
        new ResourceColumn<>("main.col.time", ResourceEvent::lastAt),
        new ResourceColumn<>("main.col.level", ResourceEvent::level),
        new ResourceColumn<>("main.col.resource", e -> e.resourceType() + " " + e.resourceId()),
        new ResourceColumn<>("main.col.eventType", ResourceEvent::eventType),
        new ResourceColumn<>("main.col.content", ResourceEvent::content),
        new ResourceColumn<>("main.col.count", ResourceEvent::count)));
  }
}
