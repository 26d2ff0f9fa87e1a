package dev.vireo.server.scheduler;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The scheduler's answer: the chosen node, or the failure naming the rule that could not be met;
 * either way a verdict for every node of the snapshot, in snapshot order (computed when first asked
 * for, so a placement that nobody explains does not pay for it).
 */
public final class PlacementDecision {
  private final String nodeId;
  private final String failure;
  private final Supplier<List<NodeVerdict>> explanation;
  private List<NodeVerdict> verdicts;

  PlacementDecision(String nodeId, String failure, Supplier<List<NodeVerdict>> explanation) {
    this.nodeId = nodeId;
    this.failure = failure;
    this.explanation = explanation;
  }

  public boolean placed() {
    return nodeId != null;
  }

  /** The chosen node, if any. */
  public Optional<String> nodeId() {
    return Optional.ofNullable(nodeId);
  }

  /** Why no node could be chosen, or null when one was. */
  public String failure() {
    return failure;
  }

  /** Every node of the snapshot: accepted with its score, or rejected by which filter and why. */
  public synchronized List<NodeVerdict> verdicts() {
    if (verdicts == null) {
      verdicts = explanation.get();
    }
    return verdicts;
  }

  public Optional<NodeVerdict> verdict(String node) {
    return verdicts().stream().filter(v -> v.nodeId().equals(node)).findFirst();
  }

  /** A readable explanation: the outcome, then one line per node. */
  public String explain() {
    StringBuilder s = new StringBuilder(placed() ? "placed on " + nodeId : "not placed: " + failure);
    for (NodeVerdict v : verdicts()) {
      s.append('\n').append("  ").append(v);
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return placed() ? "PlacementDecision[" + nodeId + "]" : "PlacementDecision[failed: " + failure + "]";
  }
}
