package dev.vireo.server.scheduler;

/**
 * Soft VM isolation groups: +1 for a node that has a member of a soft affinity group, −1 per member
 * of a soft anti-affinity group on it. Never rejects: a rule that cannot be met only weighs less.
 */
public final class SoftVmGroupWeigher extends GroupRuleWeigher {
  public SoftVmGroupWeigher(double weight) {
    super(weight);
  }

  @Override
  public String name() {
    return "soft-vm-groups";
  }

  @Override
  public boolean applies(PlacementContext ctx) {
    for (VmGroupRule rule : ctx.request().vmGroups()) {
      if (!rule.hard()) {
        return true;
      }
    }
    return false;
  }

  @Override
  double rawAt(int node, PlacementContext ctx) {
    double score = 0;
    java.util.List<VmGroupRule> rules = ctx.request().vmGroups();
    for (int i = 0; i < rules.size(); i++) {
      VmGroupRule rule = rules.get(i);
      if (rule.hard()) {
        continue;
      }
      int here = ctx.vmGroupMembersAt(node, i);
      score += rule.relation() == Relation.AFFINITY ? (here > 0 ? 1 : 0) : -here;
    }
    return score;
  }
}
