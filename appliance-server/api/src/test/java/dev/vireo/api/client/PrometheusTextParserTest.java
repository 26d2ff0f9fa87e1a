package dev.vireo.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {
  private static final String EXPOSITION = """
      # HELP vireo_cluster_cpu_usage_percent Vireo cluster cpu usage percent (latest sample)
      # TYPE vireo_cluster_cpu_usage_percent gauge
      vireo_cluster_cpu_usage_percent{cluster="cluster-1"} 30.25
      # HELP vireo_node_cpu_usage_percent Vireo node cpu usage percent (latest sample)
      # TYPE vireo_node_cpu_usage_percent gauge
      vireo_node_cpu_usage_percent{node="node-a",cluster="cluster-1"} 12.5
      vireo_node_memory_used_bytes{node="node-a",cluster="cluster-1"} 8589934592

      vireo_vm_cpu_usage_percent{vm="vm-1",node="node-a"} 99
      vireo_vm_disk_read_bytes_per_second{vm="vm-2",node="node-a"} 1.5E7
      """;

  @Test
  void readsEveryKindWithItsLabelsAndValue() {
    List<LatestMetric> all = PrometheusTextParser.parse(EXPOSITION);
    assertEquals(5, all.size());
    assertEquals(new LatestMetric("cluster", "cluster-1", "cpu_usage_percent", Map.of("cluster", "cluster-1"), 30.25),
        all.get(0));
    assertEquals(new LatestMetric("node", "node-a", "cpu_usage_percent",
        Map.of("node", "node-a", "cluster", "cluster-1"), 12.5), all.get(1));
    assertEquals(8589934592.0, all.get(2).value());
    assertEquals(new LatestMetric("vm", "vm-1", "cpu_usage_percent", Map.of("vm", "vm-1", "node", "node-a"), 99),
        all.get(3));
    assertEquals("disk_read_bytes_per_second", all.get(4).metric());
    assertEquals(1.5e7, all.get(4).value());
  }

  @Test
  void unescapesLabelValuesAndIgnoresATimestamp() {
    LatestMetric m = PrometheusTextParser.line("vireo_vm_cpu_usage_percent{vm=\"a\\\"b\\\\c\\nd\",node=\"n, x\"} 7 1700000000000");
    assertEquals("a\"b\\c\nd", m.id());
    assertEquals("n, x", m.labels().get("node"));
    assertEquals(7.0, m.value());
  }

  @Test
  void readsStorageClustersApartFromClusters() {
    LatestMetric m = PrometheusTextParser.line("vireo_storage_cluster_used_bytes{storage_cluster=\"sc-1\"} 42");
    assertEquals(new LatestMetric("storage_cluster", "sc-1", "used_bytes", Map.of("storage_cluster", "sc-1"), 42), m);
  }

  @Test
  void readsSpecialValues() {
    assertTrue(Double.isNaN(PrometheusTextParser.line("vireo_node_load1{node=\"n\"} NaN").value()));
    assertEquals(Double.POSITIVE_INFINITY, PrometheusTextParser.line("vireo_node_load1{node=\"n\"} +Inf").value());
  }

  @Test
  void skipsWhatItCannotRead() {
    assertNull(PrometheusTextParser.line("process_cpu_seconds_total 3"));
    assertNull(PrometheusTextParser.line("vireo_vm_cpu_usage_percent{node=\"n\"} 3"), "no vm label");
    assertNull(PrometheusTextParser.line("vireo_disk_size{disk=\"d\"} 3"), "unknown kind");
    assertNull(PrometheusTextParser.line("vireo_vm_cpu_usage_percent{vm=\"v} 3"), "unclosed quote");
    assertNull(PrometheusTextParser.line("vireo_vm_cpu_usage_percent{vm=\"v\"} lots"), "not a number");
    assertEquals(List.of(), PrometheusTextParser.parse("# only a comment\n\n"));
  }
}
