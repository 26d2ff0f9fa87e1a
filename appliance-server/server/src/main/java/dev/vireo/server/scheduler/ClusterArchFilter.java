package dev.vireo.server.scheduler;

import java.util.List;

/** The node belongs to the requested cluster and has the requested CPU architecture. */
public final class ClusterArchFilter implements PlacementFilter {
  @Override
  public String name() {
    return "cluster-arch";
  }

  @Override
  public Rejection test(NodeCandidate node, PlacementContext ctx) {
    PlacementRequest r = ctx.request();
    if (!r.clusterId().equals(node.clusterId())) {
      return new Rejection(name(), null, () -> "node is in cluster '" + node.clusterId() + "', the VM asks for '"
          + r.clusterId() + "'");
    }
    if (!r.arch().equalsIgnoreCase(node.arch())) {
      return new Rejection(name(), null, () -> "node arch is " + node.arch() + ", the VM needs " + r.arch());
    }
    return null;
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    return "no node in cluster '" + ctx.request().clusterId() + "' with arch " + ctx.request().arch();
  }
}
