package dev.vireo.server.scheduler;

/** Spreads VMs: the fewer VMs (placed and reserved) a node runs, the better. */
public final class SpreadWeigher implements PlacementWeigher {
  private final double weight;

  public SpreadWeigher(double weight) {
    this.weight = weight;
  }

  @Override
  public String name() {
    return "spread";
  }

  @Override
  public double weight() {
    return weight;
  }

  @Override
  public void rawAll(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx, double[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = -ctx.vmCountAt(candidates[i]);
    }
  }

  @Override
  public double raw(NodeCandidate node, PlacementContext ctx) {
    return -ctx.vmCount(node);
  }
}
