package dev.vireo.server.group;

import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupRelation;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.server.scheduler.NodeGroupRule;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.Relation;
import dev.vireo.server.scheduler.VmGroupRule;
import java.util.HashSet;
import java.util.List;

/** Turns a VM's isolation groups into the scheduler's rules; a group is named by its (unique) name. */
public final class GroupRules {
  private GroupRules() {}

  public static PlacementRequest apply(PlacementRequest request, List<IsolationGroup> groups) {
    PlacementRequest r = request;
    for (IsolationGroup g : groups) {
      Relation relation = g.relation() == GroupRelation.AFFINITY ? Relation.AFFINITY : Relation.ANTI_AFFINITY;
      boolean hard = g.strictness() == GroupStrictness.HARD;
      r = g.kind() == GroupKind.VM
          ? r.withVmGroup(new VmGroupRule(g.name(), relation, hard))
          : r.withNodeGroup(new NodeGroupRule(g.name(), relation, hard, new HashSet<>(g.nodeIds())));
    }
    return r;
  }
}
