package dev.vireo.client.main;

import dev.vireo.api.model.Node;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ClusterRegions;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/** The compute nodes (GET /api/v1/nodes), live on "node" events (connected, down, locked...). */
public final class NodesScreen extends ResourceScreen<Node> {
  public NodesScreen(AppContext ctx, ResourceSession session) {
    super("nodes", "main.nav.nodes", session, ClusterRegions.of(ctx.client()).byCluster(
        ResourceSource.paged(Node::id, ctx.client()::listNodes).readBy(ctx.client()::getNode).liveOn("node"),
        Node::clusterId), List.of(
        new ResourceColumn<>("main.col.hostname", Node::hostname),
        new ResourceColumn<>("main.col.state", Node::state),
        new ResourceColumn<>("main.col.cpus", Node::cpus),
        new ResourceColumn<>("main.col.memoryGib", n -> Units.gib(n.memoryBytes())),
        new ResourceColumn<>("main.col.vmCount", Node::vmCount),
        new ResourceColumn<>("main.col.scheduling", Node::schedulingStatus),
        new ResourceColumn<>("main.col.heartbeat", Node::lastHeartbeatAt)));
  }
}
