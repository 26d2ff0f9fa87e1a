package dev.vireo.client.main;

import dev.vireo.api.model.IsolationGroup;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The isolation (affinity) groups (GET /api/v1/groups), read-only. */
public final class IsolationGroupsScreen extends ResourceScreen<IsolationGroup> {
  public IsolationGroupsScreen(AppContext ctx) {
    super("main.nav.isolationGroups", ctx, () -> ctx.client().listGroups().items(), List.of(
        new ResourceColumn<>("main.col.name", IsolationGroup::name),
        new ResourceColumn<>("main.col.kind", IsolationGroup::kind),
        new ResourceColumn<>("main.col.relation", IsolationGroup::relation),
        new ResourceColumn<>("main.col.strictness", IsolationGroup::strictness),
        new ResourceColumn<>("main.col.members", g -> g.kind().name().equals("NODE") ? g.nodeIds().size()
            : g.vmIds().size())));
  }
}
