package dev.vireo.server.scheduler;

import java.util.List;

/** Enough unallocated memory: allocated + requested ≤ the node's memory (memory is never overcommitted). */
public final class MemoryFilter implements PlacementFilter {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (ctx.allocatedMemoryBytesAt(c) + ctx.request().memoryBytes() <= nodes[c].memoryBytes()) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  @Override
  public Rejection test(NodeCandidate node, PlacementContext ctx) {
    long allocated = ctx.allocatedMemoryBytes(node);
    long requested = ctx.request().memoryBytes();
    if (allocated + requested <= node.memoryBytes()) {
      return null;
    }
    return new Rejection(name(), null, () -> "needs " + gib(requested) + " GiB, " + gib(node.memoryBytes() - allocated)
        + " GiB of " + gib(node.memoryBytes()) + " GiB free");
  }

  private static String gib(long bytes) {
    return bytes % (1L << 30) == 0 ? Long.toString(bytes >> 30) : String.format("%.1f", bytes / (double) (1L << 30));
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    return "no eligible node has " + ctx.request().memoryGiB() + " GiB of free memory";
  }
}
