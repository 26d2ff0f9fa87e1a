package dev.vireo.server.scheduler;

import dev.vireo.api.model.NodeState;
import java.util.List;

/** The node is healthy (CONNECTED), not locked against new placements and not in maintenance. */
public final class NodeStateFilter implements PlacementFilter {
  @Override
  public String name() {
    return "state";
  }

  @Override
  public int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (nodes[c].state() == NodeState.CONNECTED && !nodes[c].locked()) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  @Override
  public Rejection test(NodeCandidate node, PlacementContext ctx) {
    if (node.state() != NodeState.CONNECTED) {
      return new Rejection(name(), null, () -> "node is " + node.state());
    }
    if (node.maintenance()) {
      return new Rejection(name(), null, () -> "node is entering or in maintenance (no new placements)");
    }
    if (node.locked()) {
      return new Rejection(name(), null, () -> "node is locked (no new placements)");
    }
    return null;
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    return "no node of cluster '" + ctx.request().clusterId() + "' is connected and unlocked";
  }
}
