package dev.vireo.client.main;

import dev.vireo.api.model.Node;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The compute nodes (GET /api/v1/nodes), read-only. */
public final class NodesScreen extends ResourceScreen<Node> {
  public NodesScreen(AppContext ctx) {
    super("main.nav.nodes", ctx, () -> ctx.client().listNodes().items(), List.of(
        new ResourceColumn<>("main.col.hostname", Node::hostname),
        new ResourceColumn<>("main.col.state", Node::state),
        new ResourceColumn<>("main.col.cpus", Node::cpus),
        new ResourceColumn<>("main.col.memoryGib", n -> Units.gib(n.memoryBytes())),
        new ResourceColumn<>("main.col.vmCount", Node::vmCount),
        new ResourceColumn<>("main.col.scheduling", Node::schedulingStatus),
        new ResourceColumn<>("main.col.heartbeat", Node::lastHeartbeatAt)));
  }
}
