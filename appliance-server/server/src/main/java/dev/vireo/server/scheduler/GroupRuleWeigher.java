package dev.vireo.server.scheduler;

/**
 * A weigher over the request's soft isolation-group rules: it never rejects, a rule that cannot be
 * met only weighs less. Subclasses score one node (an index into the context's nodes).
 */
abstract class GroupRuleWeigher implements PlacementWeigher {
  private final double weight;

  GroupRuleWeigher(double weight) {
    this.weight = weight;
  }

  /** The node's raw score over the soft rules. */
  abstract double rawAt(int node, PlacementContext ctx);

  @Override
  public final double weight() {
    return weight;
  }

  @Override
  public final void rawAll(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx, double[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = rawAt(candidates[i], ctx);
    }
  }

  @Override
  public final double raw(NodeCandidate node, PlacementContext ctx) {
    return rawAt(ctx.indexOf(node), ctx);
  }
}
