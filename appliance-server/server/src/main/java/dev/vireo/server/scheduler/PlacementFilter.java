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
   * Keeps in {@code candidates[0..count)} the indexes (into {@code nodes}) of the nodes this filter
   * accepts, in order, and returns how many. The default asks {@link #test} node by node; the
   * standard filters override it with their own loop, so a decision makes one call per filter, not
   * one per filter and node (at 10,000 nodes the calls cost more than the checks).
   */
  default int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (test(nodes[c], ctx) == null) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  /**
   * The failure reason when this filter turned down the last eligible nodes; {@code rejections}
   * are this filter's rejections of nodes that had passed every earlier filter.
   */
  String unmet(PlacementContext ctx, List<Rejection> rejections);
}
