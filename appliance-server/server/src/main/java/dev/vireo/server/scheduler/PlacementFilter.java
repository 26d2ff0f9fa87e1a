package dev.vireo.server.scheduler;

import java.util.List;

/** A yes/no test of one node for one request; a node must pass every filter to be weighed. */
public interface PlacementFilter {
  /** Short name used in explanations ("cpu", "vm-groups"). */
  String name();

  /** False when the filter cannot reject any node for this request (skipped: every node passes it). */
  default boolean applies(PlacementContext ctx) {
    return true;
  }

  /** Null when the node passes, else why not. Must be cheap: it runs for every node. */
  Rejection test(NodeCandidate node, PlacementContext ctx);

  /**
   * The failure reason when this filter turned down the last eligible nodes; {@code rejections}
   * are this filter's rejections of nodes that had passed every earlier filter.
   */
  String unmet(PlacementContext ctx, List<Rejection> rejections);
}
