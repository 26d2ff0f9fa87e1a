package dev.vireo.server.scheduler;

import java.util.Objects;
import java.util.Set;

/**
 * A node isolation group applied to the new VM: affinity (run on one of {@code nodeIds}) or
 * anti-affinity (never on them); hard blocks placement when it cannot be met, soft only prefers.
 */
public record NodeGroupRule(String name, Relation relation, boolean hard, Set<String> nodeIds) {
  public NodeGroupRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(relation, "relation");
    nodeIds = Set.copyOf(nodeIds);
  }

  public static NodeGroupRule hard(String name, Relation relation, Set<String> nodeIds) {
    return new NodeGroupRule(name, relation, true, nodeIds);
  }

  public static NodeGroupRule soft(String name, Relation relation, Set<String> nodeIds) {
    return new NodeGroupRule(name, relation, false, nodeIds);
  }

  String describe() {
    return (hard ? "hard " : "soft ") + "node " + relation.label() + " group '" + name + "'";
  }
}
