package dev.vireo.client.dashboard;

import dev.vireo.api.client.LatestMetric;
import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.MetricSeries;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link DashboardSource} over the Java SDK (lists read page by page up to their total). */
public final class SdkDashboardSource implements DashboardSource {
  private final VireoClient client;

  public SdkDashboardSource(VireoClient client) {
    this.client = client;
  }

  @Override
  public List<Vm> vms() {
    List<Vm> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      var page = client.listVms(null, null, new Paging(offset, 1000));
      all.addAll(page.items());
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        return all;
      }
    }
  }

  @Override
  public List<Node> nodes() {
    return client.listNodes().items();
  }

  @Override
  public List<Cluster> clusters() {
    return client.listClusters().items();
  }

  @Override
  public List<StorageCluster> storageClusters() {
    return client.listStorageClusters().items();
  }

  @Override
  public int imageCount() {
    return client.listImages(new Paging(0, 1)).total();
  }

  @Override
  public int networkCount() {
    return client.listNetworks().total();
  }

  @Override
  public int diskCount() {
    return client.listDisks(null).total();
  }

  @Override
  public List<LatestMetric> latest() {
    return client.metrics().latest();
  }

  @Override
  public MetricSeries series(String resourceType, String resourceId, String metric, Instant from, Instant to) {
    return client.metrics().series(resourceType, resourceId, metric, from, to);
  }

  @Override
  public List<Alarm> recentAlarms(int limit) {
    return client.alarms().list(List.of(), List.of(), null, new Paging(0, limit)).items();
  }

  @Override
  public String platformTitle() {
    return client.branding().get().settings().effectiveBigScreenTitle();
  }
}
