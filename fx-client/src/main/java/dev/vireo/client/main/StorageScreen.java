package dev.vireo.client.main;

import dev.vireo.api.model.StorageCluster;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ClusterRegions;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/** The storage clusters (GET /api/v1/storage-clusters) with their measured use, live on "storage-cluster" events. */
public final class StorageScreen extends ResourceScreen<StorageCluster> {
  public StorageScreen(AppContext ctx, ResourceSession session) {
    super("storage", "main.nav.storage", session, ClusterRegions.of(ctx.client()).byCluster(
        ResourceSource.paged(StorageCluster::id, ctx.client()::listStorageClusters)
        .readBy(ctx.client()::getStorageCluster).liveOn("storage-cluster")
        .goneWhen(s -> "DELETED".equals(String.valueOf(s.state()))), StorageCluster::clusterId), List.of(
        new ResourceColumn<>("main.col.name", StorageCluster::name),
        new ResourceColumn<>("main.col.state", StorageCluster::state),
        new ResourceColumn<>("main.col.path", StorageCluster::path),
        new ResourceColumn<>("main.col.capacityGib", s -> s.capacityBytes() == null ? null : Units.gib(s.capacityBytes())),
        new ResourceColumn<>("main.col.usedGib", s -> s.usedBytes() == null ? null : Units.gib(s.usedBytes())),
        new ResourceColumn<>("main.col.allocatedGib", s -> Units.gib(s.allocatedBytes()))));
  }
}
