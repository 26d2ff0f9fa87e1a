package dev.vireo.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.server.store.Database;
import dev.vireo.server.testing.Inventory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster and storage-cluster series derived from the nodes' samples and the inventory, on real HSQLDB. */
class DerivedMetricsTest {
  @TempDir
  Path dir;
  Database db;
  MetricStore store;
  Inventory inventory;

  @BeforeEach
  void open() {
    db = new Database(dir);
    store = new MetricStore(db.jdbi());
    inventory = new Inventory(db.jdbi());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void clusterFiguresComeFromFreshSamplesOfConnectedNodesAndTheInventory() {
    Instant now = Instant.now();
    String a = inventory.node("http://127.0.0.1:1");
    String b = inventory.node("http://127.0.0.1:2");
    String c = inventory.node("http://127.0.0.1:3");
    store.ingest(a, now, List.of(node(a, "cpu_usage_percent", 20), node(a, "memory_used_bytes", 1024),
        node(a, "memory_total_bytes", 4096)));
    store.ingest(b, now, List.of(node(b, "cpu_usage_percent", 60), node(b, "memory_used_bytes", 1024),
        node(b, "memory_total_bytes", 4096)));
    store.ingest(c, now.minusSeconds(3600), List.of(node(c, "cpu_usage_percent", 100))); // stale: left out
    db.jdbi().useHandle(h -> {
      h.execute("INSERT INTO node_gpus (node_id, address, vendor_id, device_id, iommu_group, vm_id) VALUES (?,"
          + " '0000:01:00.0', '10de', '1eb8', 1, 'vm-1')", a);
      h.execute("INSERT INTO node_gpus (node_id, address, vendor_id, device_id, iommu_group) VALUES (?,"
          + " '0000:02:00.0', '10de', '1eb8', 2)", b);
      h.execute("INSERT INTO storage_clusters (id, name, cluster_id, path, state, capacity_bytes, used_bytes,"
          + " created_at) VALUES ('sc-1', 'fast', ?, '/srv/fast', 'AVAILABLE', 1000, 250, CURRENT_TIMESTAMP)",
          inventory.clusterId());
    });
    String cluster = inventory.clusterId();
    new DerivedMetrics(store, db.jdbi()).derive(now);

    assertEquals(40, store.latest("cluster", cluster, "cpu_usage_percent"), "mean of the fresh nodes");
    assertEquals(2048, store.latest("cluster", cluster, "memory_used_bytes"));
    assertEquals(8192, store.latest("cluster", cluster, "memory_total_bytes"));
    assertEquals(25, store.latest("cluster", cluster, "memory_usage_percent"));
    assertEquals(1, store.latest("cluster", cluster, "gpu_used"));
    assertEquals(2, store.latest("cluster", cluster, "gpu_total"));
    assertEquals(25, store.latest("storage_cluster", "sc-1", "disk_usage_percent"));
    assertEquals(1000, store.latest("storage_cluster", "sc-1", "disk_total_bytes"));

    String text = PrometheusText.render(store.all(), inventory.nodes().list(), now.getEpochSecond(), 300);
    assertTrue(text.contains("vireo_cluster_cpu_usage_percent{cluster=\"" + cluster + "\"} 40\n"), text);
    assertTrue(text.contains("vireo_storage_cluster_disk_used_bytes{storage_cluster=\"sc-1\"} 250\n"), text);
    assertTrue(text.contains("# TYPE vireo_cluster_gpu_total gauge\n"), text);
  }

  @Test
  void alarmListenersSeeTheDerivedSamples() {
    List<String> seen = new java.util.ArrayList<>();
    store.listen((type, id, metric, t, v) -> seen.add(type + "/" + metric));
    new DerivedMetrics(store, db.jdbi()).derive(Instant.now());
    assertTrue(seen.contains("cluster/gpu_total"), seen.toString());
    assertNull(store.series("cluster", inventory.clusterId(), "cpu_usage_percent"), "no node reported: no CPU figure");
  }

  private static MetricSample node(String id, String metric, double v) {
    return new MetricSample("node", id, metric, v);
  }
}
