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
 * and the derived cluster figures {@code vireo_cluster_cpu_usage_percent} (mean of its nodes),
 * {@code vireo_cluster_memory_used_bytes} and {@code vireo_cluster_memory_total_bytes} (sums).
 */
final class PrometheusText {
  private PrometheusText() {}

  static String render(Iterable<Series> all, List<Node> nodes, long now, long staleSeconds) {
    Map<String, String> clusterOf = new HashMap<>();
    nodes.forEach(n -> clusterOf.put(n.id(), n.clusterId()));
    Map<String, List<String>> families = new TreeMap<>();
    Map<String, double[]> clusterCpu = new TreeMap<>(); // sum, count
    Map<String, double[]> clusterMemory = new TreeMap<>(); // used, total
    List<Series> sorted = new ArrayList<>();
    all.forEach(sorted::add);
    sorted.sort(Comparator.comparing((Series s) -> s.resourceId).thenComparing(s -> s.metric));
    for (Series s : sorted) {
      double v = s.latest();
      if (Double.isNaN(v) || now - s.latestAt() > staleSeconds) {
        continue;
      }
      String labels;
      if (s.resourceType.equals("node")) {
        String cluster = clusterOf.get(s.resourceId);
        labels = "node=\"" + escape(s.resourceId) + "\"" + (cluster == null ? "" : ",cluster=\"" + escape(cluster) + "\"");
        if (cluster != null) {
          switch (s.metric) {
            case "cpu_usage_percent" -> add(clusterCpu, cluster, v, 1);
            case "memory_used_bytes" -> add(clusterMemory, cluster, v, 0);
            case "memory_total_bytes" -> add(clusterMemory, cluster, 0, v);
            default -> { }
          }
        }
      } else {
        labels = "vm=\"" + escape(s.resourceId) + "\"" + (s.nodeId == null ? "" : ",node=\"" + escape(s.nodeId) + "\"");
      }
      families.computeIfAbsent("vireo_" + s.resourceType + "_" + s.metric, k -> new ArrayList<>())
          .add("{" + labels + "} " + number(v));
    }
    clusterCpu.forEach((c, a) -> families.computeIfAbsent("vireo_cluster_cpu_usage_percent", k -> new ArrayList<>())
        .add("{cluster=\"" + escape(c) + "\"} " + number(a[0] / a[1])));
    clusterMemory.forEach((c, a) -> {
      families.computeIfAbsent("vireo_cluster_memory_used_bytes", k -> new ArrayList<>())
          .add("{cluster=\"" + escape(c) + "\"} " + number(a[0]));
      families.computeIfAbsent("vireo_cluster_memory_total_bytes", k -> new ArrayList<>())
          .add("{cluster=\"" + escape(c) + "\"} " + number(a[1]));
    });
    StringBuilder out = new StringBuilder();
    families.forEach((name, lines) -> {
      out.append("# HELP ").append(name).append(' ').append(help(name)).append('\n');
      out.append("# TYPE ").append(name).append(" gauge\n");
      lines.forEach(l -> out.append(name).append(l).append('\n'));
    });
    return out.toString();
  }

  private static void add(Map<String, double[]> m, String key, double a, double b) {
    double[] x = m.computeIfAbsent(key, k -> new double[2]);
    x[0] += a;
    x[1] += b;
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
