package dev.vireo.server.metrics;

import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster figures of white paper 5.10.2, derived by the server every 10 s and stored as series
 * of their own (so charts, {@code /metrics} and alarm templates see them like any other): per
 * compute cluster the mean CPU use of its connected nodes with a fresh sample, their memory used
 * and total and its percentage, and the passthrough GPUs assigned to VMs and present; per storage
 * cluster the used and total bytes and percentage of its last measurement.
 */
public final class DerivedMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DerivedMetrics.class);
  static final long FRESH_SECONDS = 300;
  private final MetricStore store;
  private final Jdbi jdbi;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "metric-derive");
    t.setDaemon(true);
    return t;
  });

  public DerivedMetrics(MetricStore store, Jdbi jdbi) {
    this.store = store;
    this.jdbi = jdbi;
  }

  public DerivedMetrics start(int intervalSeconds) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        derive(Instant.now());
      } catch (RuntimeException e) {
        LOG.warn("metrics: deriving cluster figures failed: {}", e.toString());
      }
    }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    return this;
  }

  /** One round: every cluster's and storage cluster's figures as of {@code now}; returns how many samples. */
  int derive(Instant now) {
    long t = now.getEpochSecond();
    List<MetricSample> out = new ArrayList<>();
    Map<String, double[]> byCluster = new HashMap<>(); // cpu sum, cpu count, memory used, memory total
    jdbi.useHandle(h -> {
      for (Map<String, Object> n : h.createQuery("SELECT id, cluster_id FROM nodes WHERE state = 'CONNECTED'")
          .mapToMap().list()) {
        String node = (String) n.get("id");
        double[] c = byCluster.computeIfAbsent((String) n.get("cluster_id"), k -> new double[4]);
        Series cpu = store.series("node", node, MetricNames.CPU_USAGE_PERCENT);
        if (cpu != null && t - cpu.latestAt() <= FRESH_SECONDS) {
          c[0] += cpu.latest();
          c[1]++;
        }
        c[2] += fresh(store.series("node", node, MetricNames.MEMORY_USED_BYTES), t);
        c[3] += fresh(store.series("node", node, MetricNames.MEMORY_TOTAL_BYTES), t);
      }
      Map<String, int[]> gpus = new HashMap<>(); // used, total
      h.createQuery("SELECT n.cluster_id, COUNT(g.vm_id), COUNT(*) FROM node_gpus g JOIN nodes n ON n.id = g.node_id"
              + " GROUP BY n.cluster_id")
          .map((rs, ctx) -> gpus.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)})).list();
      for (String cluster : h.createQuery("SELECT id FROM clusters").mapTo(String.class).list()) {
        double[] c = byCluster.getOrDefault(cluster, new double[4]);
        if (c[1] > 0) {
          out.add(new MetricSample("cluster", cluster, MetricNames.CPU_USAGE_PERCENT, c[0] / c[1]));
        }
        if (c[3] > 0) {
          out.add(new MetricSample("cluster", cluster, MetricNames.MEMORY_USED_BYTES, c[2]));
          out.add(new MetricSample("cluster", cluster, MetricNames.MEMORY_TOTAL_BYTES, c[3]));
          out.add(new MetricSample("cluster", cluster, MetricNames.MEMORY_USAGE_PERCENT, 100 * c[2] / c[3]));
        }
        int[] g = gpus.getOrDefault(cluster, new int[2]);
        out.add(new MetricSample("cluster", cluster, MetricNames.GPU_USED, g[0]));
        out.add(new MetricSample("cluster", cluster, MetricNames.GPU_TOTAL, g[1]));
      }
      h.createQuery("SELECT id, used_bytes, capacity_bytes FROM storage_clusters WHERE capacity_bytes IS NOT NULL"
              + " AND used_bytes IS NOT NULL AND state <> 'DELETED'")
          .map((rs, ctx) -> {
            String id = rs.getString(1);
            double used = rs.getLong(2);
            double total = rs.getLong(3);
            out.add(new MetricSample("storage_cluster", id, MetricNames.DISK_USED_BYTES, used));
            out.add(new MetricSample("storage_cluster", id, MetricNames.DISK_TOTAL_BYTES, total));
            if (total > 0) {
              out.add(new MetricSample("storage_cluster", id, MetricNames.DISK_USAGE_PERCENT, 100 * used / total));
            }
            return 0;
          }).list();
    });
    return store.ingest(null, now, out);
  }

  private static double fresh(Series s, long now) {
    return s != null && now - s.latestAt() <= FRESH_SECONDS ? s.latest() : 0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
