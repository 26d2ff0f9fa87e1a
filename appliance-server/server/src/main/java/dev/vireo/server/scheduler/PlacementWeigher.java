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
}
