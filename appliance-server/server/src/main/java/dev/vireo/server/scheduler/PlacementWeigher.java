package dev.vireo.server.scheduler;

/**
 * Scores nodes that passed every filter; higher is better. The scheduler normalises each weigher's
 * raw scores to 0..1 over the accepted nodes (min-max) and multiplies them by {@link #weight()}.
 */
public interface PlacementWeigher {
  String name();

  double weight();

  /** False when the weigher has nothing to say about this request (skipped: contributes 0). */
  default boolean applies(PlacementContext ctx) {
    return true;
  }

  double raw(NodeCandidate node, PlacementContext ctx);

  /**
   * {@code out[i] = raw(nodes[candidates[i]])} for {@code i < count}. The standard weighers override
   * it with their own loop (one call per decision instead of one per node).
   */
  default void rawAll(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx, double[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = raw(nodes[candidates[i]], ctx);
    }
  }
}
