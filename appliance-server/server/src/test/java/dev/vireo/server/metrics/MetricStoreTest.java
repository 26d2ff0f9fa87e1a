package dev.vireo.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.api.model.MetricSeries;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw samples, five-minute and hourly rollups on real HSQLDB, and which one a range reads. */
class MetricStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  @TempDir
  Path dir;
  Database db;
  MetricStore store;

  @BeforeEach
  void open() {
    db = new Database(dir);
    store = new MetricStore(db.jdbi());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void unknownMetricsBlankIdsAndNonFiniteValuesAreDropped() {
    int n = store.ingest("node-1", T0, List.of(sample("vm-1", 10), new MetricSample("vm", "vm-1", "made_up", 1),
        new MetricSample("node", "node-1", "disk_read_ops_per_second", 3), new MetricSample("vm", "", "load1", 1),
        new MetricSample("vm", "vm-1", "load1", 1), sample("vm-1", Double.NaN), sample("vm-1", Double.POSITIVE_INFINITY),
        new MetricSample("cluster", "c", "load1", 1), new MetricSample("disk", "d", "cpu_usage_percent", 1)));
    assertEquals(2, n);
  }

  @Test
  void recentRangesReadRawSamplesOlderOnesRollups() {
    // two hours of a sample every 10 s: 0, 1, 2, ... so each 5-minute bucket's mean is known
    for (int i = 0; i < 720; i++) {
      store.ingest("node-1", T0.plusSeconds(10L * i), List.of(sample("vm-1", i)));
    }
    Instant end = T0.plus(Duration.ofHours(2));
    MetricSeries raw = store.query("vm", "vm-1", "cpu_usage_percent", T0, T0.plusSeconds(60), end);
    assertEquals(0, raw.resolutionSeconds());
    assertEquals(6, raw.points().size());
    assertEquals(5, raw.points().get(5).value());

    assertEquals(24, store.flush(end));
    Instant later = end.plus(Duration.ofDays(1)); // the raw samples are out of the range now
    MetricSeries fiveMinutes = store.query("vm", "vm-1", "cpu_usage_percent", T0, end, later);
    assertEquals(300, fiveMinutes.resolutionSeconds());
    assertEquals(24, fiveMinutes.points().size());
    assertEquals(14.5, fiveMinutes.points().get(0).value(), 1e-9); // mean of 0..29
    assertEquals(29, fiveMinutes.points().get(0).max(), 1e-9);
    assertEquals(T0, fiveMinutes.points().get(0).at());

    MetricSeries hourly = store.query("vm", "vm-1", "cpu_usage_percent", T0.minus(Duration.ofDays(60)), end, later);
    assertEquals(3600, hourly.resolutionSeconds());
    assertEquals(2, hourly.points().size());
    assertEquals(179.5, hourly.points().get(0).value(), 1e-9); // mean of 0..359
    assertEquals(719, hourly.points().get(1).max(), 1e-9);
  }

  @Test
  void rollupsSurviveARestartAndAFlushIsIdempotent() {
    for (int i = 0; i < 60; i++) {
      store.ingest("node-1", T0.plusSeconds(10L * i), List.of(sample("vm-1", 50)));
    }
    store.flush(T0.plusSeconds(600));
    store.flush(T0.plusSeconds(900));
    db.close();
    db = new Database(dir);
    store = new MetricStore(db.jdbi());
    MetricSeries s = store.query("vm", "vm-1", "cpu_usage_percent", T0, T0.plusSeconds(900), T0.plus(Duration.ofDays(2)));
    assertEquals(2, s.points().size(), s.toString());
    assertTrue(s.points().stream().allMatch(p -> p.value() == 50), s.toString());
  }

  @Test
  void prometheusTextHasTheLatestSampleWithLabels() {
    store.ingest("node-1", T0, List.of(sample("vm-1", 40), new MetricSample("node", "node-1", "cpu_usage_percent", 20),
        new MetricSample("node", "node-1", "memory_used_bytes", 1024), new MetricSample("node", "node-1",
            "memory_total_bytes", 4096)));
    store.ingest("node-1", T0.plusSeconds(10), List.of(sample("vm-1", 42.5)));
    store.ingest("node-2", T0, List.of(new MetricSample("node", "node-2", "cpu_usage_percent", 60)));
    store.ingest("node-2", T0.minusSeconds(3600), List.of(new MetricSample("vm", "vm-old", "cpu_usage_percent", 1)));
    List<dev.vireo.api.model.Node> nodes = List.of(node("node-1"), node("node-2"));
    String text = PrometheusText.render(store.all(), nodes, T0.plusSeconds(20).getEpochSecond(), 300);
    assertTrue(text.contains("# TYPE vireo_vm_cpu_usage_percent gauge\n"), text);
    assertTrue(text.contains("vireo_vm_cpu_usage_percent{vm=\"vm-1\",node=\"node-1\"} 42.5\n"), text);
    assertTrue(text.contains("vireo_node_cpu_usage_percent{node=\"node-1\",cluster=\"cl-1\"} 20\n"), text);
    assertTrue(!text.contains("vm-old"), "stale series are left out: " + text);
    assertEquals("a\\\"b\\\\c\\n", PrometheusText.escape("a\"b\\c\n"));
  }

  private static dev.vireo.api.model.Node node(String id) {
    return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(java.util.Map.of("id", id, "clusterId",
        "cl-1"), dev.vireo.api.model.Node.class);
  }

  private static MetricSample sample(String vm, double v) {
    return new MetricSample("vm", vm, "cpu_usage_percent", v);
  }
}
