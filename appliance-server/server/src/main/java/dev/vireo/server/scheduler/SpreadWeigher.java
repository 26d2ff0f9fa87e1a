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
  public double raw(NodeCandidate node, PlacementContext ctx) {
    return -ctx.vmCount(node);
  }
}
