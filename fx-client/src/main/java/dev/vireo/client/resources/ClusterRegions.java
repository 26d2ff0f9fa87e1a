package dev.vireo.client.resources;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.StorageCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The region of each cluster and storage cluster, for the tables of resources that name a cluster
 * rather than a region (nodes, networks, storage clusters, disks) so that they follow the region
 * switcher too (ADR 0047). Read again, off the FX thread, before each full load of such a table:
 * the rows are built after it, and a cluster is never moved between regions.
 */
public final class ClusterRegions {
  private final Supplier<List<Cluster>> clusters;
  private final Supplier<List<StorageCluster>> storageClusters;
  private final Map<String, String> byCluster = new ConcurrentHashMap<>();
  private final Map<String, String> byStorageCluster = new ConcurrentHashMap<>();

  public ClusterRegions(Supplier<List<Cluster>> clusters, Supplier<List<StorageCluster>> storageClusters) {
    this.clusters = clusters;
    this.storageClusters = storageClusters;
  }

  public static ClusterRegions of(VireoClient client) {
    return new ClusterRegions(() -> client.listClusters().items(), () -> client.listStorageClusters().items());
  }

  /** {@code source} following the region of the cluster {@code clusterOf} names. */
  public <T> ResourceSource<T> byCluster(ResourceSource<T> source, Function<T, String> clusterOf) {
    return withPages(source, false).inRegion(t -> get(byCluster, clusterOf.apply(t)));
  }

  /** {@code source} following the region of the storage cluster {@code storageClusterOf} names. */
  public <T> ResourceSource<T> byStorageCluster(ResourceSource<T> source, Function<T, String> storageClusterOf) {
    return withPages(source, true).inRegion(t -> get(byStorageCluster, storageClusterOf.apply(t)));
  }

  private <T> ResourceSource<T> withPages(ResourceSource<T> source, boolean storage) {
    Function<Paging, Page<T>> pages = p -> {
      if (p.offset() == 0) {
        reload(storage);
      }
      return source.pages().apply(p);
    };
    return new ResourceSource<>(source.id(), pages, source.reader(), source.eventKinds(), source.gone(),
        source.region());
  }

  void reload(boolean storage) {
    for (Cluster c : clusters.get()) {
      byCluster.put(c.id(), c.regionId());
    }
    if (storage) {
      for (StorageCluster s : storageClusters.get()) {
        String region = s.clusterId() == null ? null : byCluster.get(s.clusterId());
        if (region != null) {
          byStorageCluster.put(s.id(), region);
        }
      }
    }
  }

  private static String get(Map<String, String> map, String key) {
    return key == null ? null : map.get(key);
  }
}
