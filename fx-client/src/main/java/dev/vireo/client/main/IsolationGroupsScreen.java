package dev.vireo.client.main;

import dev.vireo.api.model.IsolationGroup;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/** The isolation (affinity) groups (GET /api/v1/groups), live on "group" events. */
public final class IsolationGroupsScreen extends ResourceScreen<IsolationGroup> {
  public IsolationGroupsScreen(AppContext ctx, ResourceSession session) {
    super("groups", "main.nav.isolationGroups", session, ResourceSource.paged(IsolationGroup::id,
        ctx.client()::listGroups).readBy(ctx.client()::getGroup).liveOn("group")
        .inRegion(IsolationGroup::regionId), List.of(
        new ResourceColumn<>("main.col.name", IsolationGroup::name),
        new ResourceColumn<>("main.col.kind", IsolationGroup::kind),
        new ResourceColumn<>("main.col.relation", IsolationGroup::relation),
        new ResourceColumn<>("main.col.strictness", IsolationGroup::strictness),
        new ResourceColumn<>("main.col.members", g -> g.kind().name().equals("NODE") ? g.nodeIds().size()
            : g.vmIds().size())));
  }
}
