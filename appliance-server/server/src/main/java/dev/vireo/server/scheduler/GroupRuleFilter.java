package dev.vireo.server.scheduler;

/**
 * A filter over the request's hard isolation-group rules (node groups, VM groups): a node passes
 * when it breaks none of them. Subclasses say which rule a node breaks first and how to word it.
 */
abstract class GroupRuleFilter implements PlacementFilter {

  /** The index of the first hard rule the node (an index into the context's nodes) breaks, or -1. */
  abstract int brokenRule(int node, PlacementContext ctx);

  /** Why the node breaks rule {@code rule}. */
  abstract Rejection rejection(int node, int rule, PlacementContext ctx);

  @Override
  public final int retain(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (brokenRule(c, ctx) < 0) {
        candidates[kept++] = c;
      }
    }
    return kept;
  }

  @Override
  public final Rejection test(NodeCandidate node, PlacementContext ctx) {
    int at = ctx.indexOf(node);
    int rule = brokenRule(at, ctx);
    return rule < 0 ? null : rejection(at, rule, ctx);
  }
}
