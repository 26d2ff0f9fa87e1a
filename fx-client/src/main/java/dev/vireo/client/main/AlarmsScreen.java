package dev.vireo.client.main;

import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Alarm;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The alarm records, newest first (GET /api/v1/alarms), read-only. */
public final class AlarmsScreen extends ResourceScreen<Alarm> {
  public AlarmsScreen(AppContext ctx) {
    super("main.nav.alarms", ctx, () -> ctx.client().alarms().list(List.of(), List.of(), null, Paging.FIRST_1000)
        .items(), List.of(
        new ResourceColumn<>("main.col.severity", Alarm::severity),
        new ResourceColumn<>("main.col.state", Alarm::state),
        new ResourceColumn<>("main.col.template", Alarm::templateName),
        new ResourceColumn<>("main.col.resource", a -> a.resourceType() + " " + a.resourceId()),
        new ResourceColumn<>("main.col.metric", a -> a.metric() + " " + a.comparator() + " " + a.threshold()),
        new ResourceColumn<>("main.col.value", Alarm::currentValue),
        new ResourceColumn<>("main.col.fired", Alarm::firedAt)));
  }
}
