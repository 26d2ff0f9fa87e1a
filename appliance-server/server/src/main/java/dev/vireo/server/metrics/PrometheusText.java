package dev.vireo.server.metrics;

import dev.vireo.api.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format 0.0.4 of the latest sample of every fresh series: gauges
 * {@code vireo_node_<metric>{node="…",cluster="…"}} and {@code vireo_vm_<metric>{vm="…",node="…"}},
 * and the series {@link DerivedMetrics} keeps: {@code vireo_cluster_<metric>{cluster="…"}} and
 * {@code vireo_storage_cluster_<metric>{storage_cluster="…"}}.
 */
final class PrometheusText {
  private PrometheusText() {}

  static String render(Iterable<Series> all, List<Node> nodes, long now, long staleSeconds) {
    Map<String, String> clusterOf = new HashMap<>();
    nodes.forEach(n -> clusterOf.put(n.id(), n.clusterId()));
    Map<String, List<String>> families = new TreeMap<>();
    List<Series> sorted = new ArrayList<>();
    all.forEach(sorted::add);
    sorted.sort(Comparator.comparing((Series s) -> s.resourceId).thenComparing(s -> s.metric));
    for (Series s : sorted) {
      double v = s.latest();
      if (Double.isNaN(v) || now - s.latestAt() > staleSeconds) {
        continue;
      }
      String labels = switch (s.resourceType) {
        case "node" -> {
          String cluster = clusterOf.get(s.resourceId);
          yield "node=\"" + escape(s.resourceId) + "\"" + (cluster == null ? "" : ",cluster=\"" + escape(cluster) + "\"");
        }
        case "vm" -> "vm=\"" + escape(s.resourceId) + "\"" + (s.nodeId == null ? "" : ",node=\"" + escape(s.nodeId) + "\"");
        default -> s.resourceType + "=\"" + escape(s.resourceId) + "\""; // cluster, storage_cluster
      };
      families.computeIfAbsent("vireo_" + s.resourceType + "_" + s.metric, k -> new ArrayList<>())
          .add("{" + labels + "} " + number(v));
    }
    StringBuilder out = new StringBuilder();
    families.forEach((name, lines) -> {
      out.append("# HELP ").append(name).append(' ').append(help(name)).append('\n');
      out.append("# TYPE ").append(name).append(" gauge\n");
      lines.forEach(l -> out.append(name).append(l).append('\n'));
    });
    return out.toString();
  }

  private static String help(String name) {
    String[] parts = name.split("_", 3);
    return "Vireo " + parts[1] + " " + parts[2].replace('_', ' ') + " (latest sample)";
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Label values: backslash, double quote and newline escaped. */
  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
