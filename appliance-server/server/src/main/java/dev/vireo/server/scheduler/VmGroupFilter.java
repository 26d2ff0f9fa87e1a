package dev.vireo.server.scheduler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hard VM isolation groups: anti-affinity keeps the VM off every node that has a member of the
 * group; affinity keeps it on a node that has one (any node while the group has no VM yet).
 */
public final class VmGroupFilter extends GroupRuleFilter {
  @Override
  public String name() {
    return "vm-groups";
  }

  @Override
  public boolean applies(PlacementContext ctx) {
    return ctx.request().vmGroups().stream().anyMatch(VmGroupRule::hard);
  }

  @Override
  int brokenRule(int node, PlacementContext ctx) {
    List<VmGroupRule> rules = ctx.request().vmGroups();
    for (int i = 0; i < rules.size(); i++) {
      VmGroupRule rule = rules.get(i);
      if (!rule.hard()) {
        continue;
      }
      int here = ctx.vmGroupMembersAt(node, i);
      if (rule.relation() == Relation.ANTI_AFFINITY ? here > 0 : here == 0 && ctx.vmGroupMembers(i) > 0) {
        return i;
      }
    }
    return -1;
  }

  @Override
  Rejection rejection(int at, int i, PlacementContext ctx) {
    VmGroupRule rule = ctx.request().vmGroups().get(i);
    int here = ctx.vmGroupMembersAt(at, i);
    if (rule.relation() == Relation.ANTI_AFFINITY) {
      return new Rejection(name(), rule.group(), () -> rule.describe() + " already has " + here + " VM(s) here");
    }
    int total = ctx.vmGroupMembers(i);
    return new Rejection(name(), rule.group(), () -> rule.describe() + " has no VM here (its " + total
        + " VM(s) are on other nodes)");
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    Set<String> groups = new LinkedHashSet<>();
    rejections.forEach(r -> groups.add(r.rule()));
    List<VmGroupRule> rules = ctx.request().vmGroups().stream()
        .filter(rule -> rule.hard() && groups.contains(rule.group())).toList();
    if (rules.size() == 1) {
      VmGroupRule rule = rules.get(0);
      return rule.describe() + (rule.relation() == Relation.ANTI_AFFINITY
          ? " already has a VM on every eligible node" : " has its VMs only on nodes that cannot take this VM");
    }
    return String.join(" and ", rules.stream().map(VmGroupRule::describe).toList())
        + " together leave no eligible node";
  }
}
