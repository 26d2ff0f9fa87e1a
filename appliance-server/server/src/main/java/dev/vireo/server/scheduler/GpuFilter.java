package dev.vireo.server.scheduler;

import java.util.List;

/** Enough free GPUs for a VM that asks for any. */
public final class GpuFilter implements PlacementFilter {
  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public boolean applies(PlacementContext ctx) {
    return ctx.request().gpus() > 0;
  }

  @Override
  public int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (nodes[c].gpus() - ctx.allocatedGpus(nodes[c]) >= ctx.request().gpus()) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  @Override
  public Rejection test(NodeCandidate node, PlacementContext ctx) {
    int requested = ctx.request().gpus();
    if (requested == 0) {
      return null;
    }
    int free = node.gpus() - ctx.allocatedGpus(node);
    if (free >= requested) {
      return null;
    }
    return new Rejection(name(), null, () -> "needs " + requested + " GPU, " + free + " of " + node.gpus() + " free");
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    return "no eligible node has " + ctx.request().gpus() + " free GPU";
  }
}
