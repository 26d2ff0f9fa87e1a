package dev.vireo.server.scheduler;

import java.util.Objects;

/**
 * The new VM's membership of a VM isolation group: affinity (with the group's VMs) or anti-affinity
 * (away from them); hard blocks placement when it cannot be met, soft only prefers.
 */
public record VmGroupRule(String group, Relation relation, boolean hard) {
  public VmGroupRule {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(relation, "relation");
  }

  public static VmGroupRule hard(String group, Relation relation) {
    return new VmGroupRule(group, relation, true);
  }

  public static VmGroupRule soft(String group, Relation relation) {
    return new VmGroupRule(group, relation, false);
  }

  String describe() {
    return (hard ? "hard " : "soft ") + relation.label() + " group '" + group + "'";
  }
}
