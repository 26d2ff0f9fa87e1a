package dev.vireo.server.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node's outcome in a decision: accepted with its total weighted score (and each weigher's
 * weighted part), or rejected by a filter with the reason.
 */
public final class NodeVerdict {
  private final String nodeId;
  private final Rejection rejection;
  private final double score;
  private final double[] parts;
  private final List<String> weighers;

  NodeVerdict(String nodeId, Rejection rejection, double score, double[] parts, List<String> weighers) {
    this.nodeId = nodeId;
    this.rejection = rejection;
    this.score = score;
    this.parts = parts;
    this.weighers = weighers;
  }

  public String nodeId() {
    return nodeId;
  }

  public boolean accepted() {
    return rejection == null;
  }

  /** The total weighted score of an accepted node (0 for a rejected one). */
  public double score() {
    return score;
  }

  /** Each weigher's weighted, normalised contribution (empty for a rejected node). */
  public Map<String, Double> scores() {
    Map<String, Double> out = new LinkedHashMap<>();
    if (parts != null) {
      for (int i = 0; i < parts.length; i++) {
        out.put(weighers.get(i), parts[i]);
      }
    }
    return out;
  }

  /** The filter that rejected the node, or null. */
  public String filter() {
    return rejection == null ? null : rejection.filter();
  }

  /** Why the node was rejected, or null. */
  public String reason() {
    return rejection == null ? null : rejection.reason();
  }

  Rejection rejection() {
    return rejection;
  }

  @Override
  public String toString() {
    if (rejection != null) {
      return nodeId + ": rejected by " + rejection.filter() + ": " + rejection.reason();
    }
    StringBuilder s = new StringBuilder(nodeId).append(": accepted, score ").append(String.format("%.3f", score));
    if (parts != null && parts.length > 0) {
      s.append(" (");
      for (int i = 0; i < parts.length; i++) {
        s.append(i == 0 ? "" : ", ").append(weighers.get(i)).append(' ').append(String.format("%.3f", parts[i]));
      }
      s.append(')');
    }
    return s.toString();
  }
}
