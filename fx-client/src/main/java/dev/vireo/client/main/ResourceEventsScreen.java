package dev.vireo.client.main;

import dev.vireo.api.client.ResourceEventFilter;
import dev.vireo.api.model.ResourceEvent;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * Resource events of the last 24 hours (GET /api/v1/resource-events), paged; reloaded (coalesced)
 * when a job ends or a node changes, which is when the server records them.
 */
public final class ResourceEventsScreen extends ResourceScreen<ResourceEvent> {
  public ResourceEventsScreen(AppContext ctx, ResourceSession session) {
    super("events", "main.nav.events", session, ResourceSource.paged((ResourceEvent e) -> String.valueOf(e.id()),
        p -> ctx.client().resourceEvents(ResourceEventFilter.LAST_DAY, p)).liveOn("job", "node")
        .inRegion(ResourceEvent::regionId), List.of(
        new ResourceColumn<>("main.col.time", ResourceEvent::lastAt),
        new ResourceColumn<>("main.col.level", ResourceEvent::level),
        new ResourceColumn<>("main.col.resource", e -> e.resourceType() + " " + e.resourceId()),
        new ResourceColumn<>("main.col.eventType", ResourceEvent::eventType),
        new ResourceColumn<>("main.col.content", ResourceEvent::content),
        new ResourceColumn<>("main.col.count", ResourceEvent::count)));
  }
}
