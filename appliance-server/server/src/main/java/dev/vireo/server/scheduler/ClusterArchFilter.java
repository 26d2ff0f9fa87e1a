package dev.vireo.server.scheduler;

import java.util.List;

/** The node belongs to the requested cluster and has the requested CPU architecture. */
public final class ClusterArchFilter implements PlacementFilter {
  @Override
  public String name() {
    return "cluster-arch";
  }

  @Override
  public int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (passes(nodes[c], ctx.request())) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  private static boolean passes(NodeCandidate node, PlacementRequest r) {
    return r.clusterId().equals(node.clusterId()) && r.arch().equalsIgnoreCase(node.arch());
  }

  @Override
  public Rejection test(NodeCandidate node, PlacementContext ctx) {
    PlacementRequest r = ctx.request();
    if (passes(node, r)) {
      return null;
    }
    if (!r.clusterId().equals(node.clusterId())) {
      return new Rejection(name(), null, () -> "node is in cluster '" + node.clusterId() + "', the VM asks for '"
          + r.clusterId() + "'");
    }
    return new Rejection(name(), null, () -> "node arch is " + node.arch() + ", the VM needs " + r.arch());
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    return "no node in cluster '" + ctx.request().clusterId() + "' with arch " + ctx.request().arch();
  }
}
