package dev.vireo.client.dashboard;

import dev.vireo.api.client.LatestMetric;
import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuArch;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.MetricPoint;
import dev.vireo.api.model.MetricSeries;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.StorageClusterState;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory {@link DashboardSource} for view-model tests; records the series requests. */
public final class FakeDashboardSource implements DashboardSource {
  public final List<Vm> vms = new CopyOnWriteArrayList<>();
  public final List<Node> nodes = new CopyOnWriteArrayList<>();
  public final List<Cluster> clusters = new CopyOnWriteArrayList<>();
  public final List<StorageCluster> storage = new CopyOnWriteArrayList<>();
  public final List<LatestMetric> latest = new CopyOnWriteArrayList<>();
  public final List<MetricPoint> stored = new CopyOnWriteArrayList<>();
  public final List<Alarm> alarms = new CopyOnWriteArrayList<>();
  /** Every series request: metric, from, to. */
  public final List<Object[]> requests = new CopyOnWriteArrayList<>();
  public volatile RuntimeException listFailure;
  public volatile RuntimeException latestFailure;
  public volatile RuntimeException alarmFailure;
  public volatile String failingMetric;
  /** The server's big-screen title (branding). */
  public volatile String platformTitle = "";
  public int images = 3;
  public int networks = 2;
  public int disks = 4;

  public static Node node(String id, String cluster, NodeState state, int cpus, long memoryBytes) {
    return new Node(id, cluster, "host-" + id, "https://127.0.0.1:1", state, "x86_64", "cpu", cpus, 1, cpus, 1,
        memoryBytes, "serial", "kvm", "10", 0, Instant.EPOCH, Instant.EPOCH, false, NodeSchedulingStatus.UNLOCKED);
  }

  public static Vm vm(String id, String node, VmState state, int cpu, int memoryGiB) {
    return new Vm(id, "name-" + id, "", state, null, "cluster-1", node, "img", "spec", cpu, memoryGiB, 10, null,
        Instant.EPOCH, Instant.EPOCH, HaMode.NONE);
  }

  public static Cluster cluster(String id, int overcommitPercent) {
    return new Cluster(id, "region-1", id, CpuArch.X86_64, overcommitPercent, Instant.EPOCH, 5);
  }

  public static StorageCluster storage(String id, Long capacity, long allocated) {
    return new StorageCluster(id, id, "cluster-1", "/s", "", true, StorageClusterState.AVAILABLE, capacity, 0L,
        allocated, Instant.EPOCH, Instant.EPOCH);
  }

  public static LatestMetric metric(String kind, String id, String metric, double value) {
    return new LatestMetric(kind, id, metric, Map.of(kind, id), value);
  }

  private void maybeFail() {
    if (listFailure != null) {
      throw listFailure;
    }
  }

  @Override
  public List<Vm> vms() {
    maybeFail();
    return List.copyOf(vms);
  }

  @Override
  public List<Node> nodes() {
    maybeFail();
    return List.copyOf(nodes);
  }

  @Override
  public List<Cluster> clusters() {
    return List.copyOf(clusters);
  }

  @Override
  public List<StorageCluster> storageClusters() {
    return List.copyOf(storage);
  }

  @Override
  public int imageCount() {
    return images;
  }

  @Override
  public int networkCount() {
    return networks;
  }

  @Override
  public int diskCount() {
    return disks;
  }

  @Override
  public List<LatestMetric> latest() {
    if (latestFailure != null) {
      throw latestFailure;
    }
    return List.copyOf(latest);
  }

  /** Every metric answers the stored points within [from, to), the same for each metric. */
  @Override
  public MetricSeries series(String resourceType, String resourceId, String metric, Instant from, Instant to) {
    requests.add(new Object[] {metric, from, to});
    if (metric.equals(failingMetric)) {
      throw new IllegalStateException("no " + metric);
    }
    List<MetricPoint> in = new ArrayList<>();
    for (MetricPoint p : stored) {
      if (!p.at().isBefore(from) && p.at().isBefore(to)) {
        in.add(p);
      }
    }
    return new MetricSeries(resourceType, resourceId, metric, 0, in);
  }

  @Override
  public List<Alarm> recentAlarms(int limit) {
    if (alarmFailure != null) {
      throw alarmFailure;
    }
    return alarms.subList(0, Math.min(limit, alarms.size()));
  }

  @Override
  public String platformTitle() {
    return platformTitle;
  }
}
