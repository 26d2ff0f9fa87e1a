package dev.vireo.api.client;

import java.util.Map;

/**
 * The latest sample of one series of the server's Prometheus endpoint ({@code GET /metrics}):
 * {@code kind} "vm", "node", "cluster" or "storage_cluster", the resource's {@code id} (the
 * label named like the kind), the {@code metric} without the {@code vireo_<kind>_} prefix (e.g.
 * {@code cpu_usage_percent}), every label of the line, and the value.
 */
public record LatestMetric(String kind, String id, String metric, Map<String, String> labels, double value) {
  public LatestMetric {
    labels = Map.copyOf(labels);
  }
}
