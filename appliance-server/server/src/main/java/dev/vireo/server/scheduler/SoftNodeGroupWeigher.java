package dev.vireo.server.scheduler;

/** Soft node isolation groups: +1 for a node of a soft affinity group, −1 for a node of a soft anti-affinity group. */
public final class SoftNodeGroupWeigher extends GroupRuleWeigher {
  public SoftNodeGroupWeigher(double weight) {
    super(weight);
  }

  @Override
  public String name() {
    return "soft-node-groups";
  }

  @Override
  public boolean applies(PlacementContext ctx) {
    for (NodeGroupRule rule : ctx.request().nodeGroups()) {
      if (!rule.hard()) {
        return true;
      }
    }
    return false;
  }

  @Override
  double rawAt(int node, PlacementContext ctx) {
    double score = 0;
    java.util.List<NodeGroupRule> rules = ctx.request().nodeGroups();
    for (int i = 0; i < rules.size(); i++) {
      NodeGroupRule rule = rules.get(i);
      if (!rule.hard() && ctx.inNodeGroupAt(node, i)) {
        score += rule.relation() == Relation.AFFINITY ? 1 : -1;
      }
    }
    return score;
  }
}
