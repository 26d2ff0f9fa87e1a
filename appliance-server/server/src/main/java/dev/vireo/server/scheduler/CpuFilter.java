package dev.vireo.server.scheduler;

import java.util.List;

/**
 * Enough free vCPUs with the cluster's overcommit: allocated + requested ≤ physical × overcommit / 100
 * (reservations count as allocated).
 */
public final class CpuFilter implements PlacementFilter {
  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if ((long) (ctx.allocatedCpusAt(c) + ctx.request().cpu()) * 100 <= nodes[c].cpuCapacityHundredths()) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  @Override
  public Rejection test(NodeCandidate node, PlacementContext ctx) {
    int allocated = ctx.allocatedCpus(node);
    int requested = ctx.request().cpu();
    if ((long) (allocated + requested) * 100 <= node.cpuCapacityHundredths()) {
      return null;
    }
    return new Rejection(name(), null, () -> "needs " + requested + " vCPU, " + allocated + " of "
        + node.cpuCapacityHundredths() / 100 + " allocated (" + node.cpus() + " CPUs × "
        + node.cpuOvercommitPercent() + " %)");
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    return "no eligible node has " + ctx.request().cpu() + " free vCPU (CPU overcommit counted)";
  }
}
