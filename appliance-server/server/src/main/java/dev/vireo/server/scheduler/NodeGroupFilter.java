package dev.vireo.server.scheduler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Hard node isolation groups: affinity keeps the VM on the group's nodes, anti-affinity off them. */
public final class NodeGroupFilter extends GroupRuleFilter {
  @Override
  public String name() {
    return "node-groups";
  }

  @Override
  public boolean applies(PlacementContext ctx) {
    return ctx.request().nodeGroups().stream().anyMatch(NodeGroupRule::hard);
  }

  @Override
  int brokenRule(int node, PlacementContext ctx) {
    List<NodeGroupRule> rules = ctx.request().nodeGroups();
    for (int i = 0; i < rules.size(); i++) {
      NodeGroupRule rule = rules.get(i);
      if (rule.hard() && ctx.inNodeGroupAt(node, i) != (rule.relation() == Relation.AFFINITY)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  Rejection rejection(int node, int i, PlacementContext ctx) {
    NodeGroupRule rule = ctx.request().nodeGroups().get(i);
    return new Rejection(name(), rule.name(), () -> rule.describe()
        + (rule.relation() == Relation.AFFINITY ? " does not include this node" : " excludes this node"));
  }

  @Override
  public String unmet(PlacementContext ctx, List<Rejection> rejections) {
    Set<String> names = new LinkedHashSet<>();
    rejections.forEach(r -> names.add(r.rule()));
    List<NodeGroupRule> rules = ctx.request().nodeGroups().stream()
        .filter(rule -> rule.hard() && names.contains(rule.name())).toList();
    if (rules.size() == 1) {
      NodeGroupRule rule = rules.get(0);
      return rule.describe() + (rule.relation() == Relation.AFFINITY
          ? " allows none of the eligible nodes" : " excludes every eligible node");
    }
    return String.join(" and ", rules.stream().map(NodeGroupRule::describe).toList())
        + " together leave no eligible node";
  }
}
