package dev.vireo.client.main;

import dev.vireo.api.model.Alarm;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * The alarm records, newest first (GET /api/v1/alarms), paged. The event stream has no alarm
 * kind: the list reloads (coalesced) on "node" events and F5.
 */
public final class AlarmsScreen extends ResourceScreen<Alarm> {
  public AlarmsScreen(AppContext ctx, ResourceSession session) {
    super("alarms", "main.nav.alarms", session, ResourceSource.paged(Alarm::id,
        p -> ctx.client().alarms().list(List.of(), List.of(), null, p)).liveOn("node"), List.of(
        new ResourceColumn<>("main.col.severity", Alarm::severity),
        new ResourceColumn<>("main.col.state", Alarm::state),
        new ResourceColumn<>("main.col.template", Alarm::templateName),
        new ResourceColumn<>("main.col.resource", a -> a.resourceType() + " " + a.resourceId()),
        new ResourceColumn<>("main.col.metric", a -> a.metric() + " " + a.comparator() + " " + a.threshold()),
        new ResourceColumn<>("main.col.value", Alarm::currentValue),
        new ResourceColumn<>("main.col.fired", Alarm::firedAt)));
  }
}
