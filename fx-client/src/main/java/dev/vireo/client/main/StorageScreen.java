package dev.vireo.client.main;

import dev.vireo.api.model.StorageCluster;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The storage clusters (GET /api/v1/storage-clusters) with their measured use, read-only. */
public final class StorageScreen extends ResourceScreen<StorageCluster> {
  public StorageScreen(AppContext ctx) {
    super("main.nav.storage", ctx, () -> ctx.client().listStorageClusters().items(), List.of(
        new ResourceColumn<>("main.col.name", StorageCluster::name),
        new ResourceColumn<>("main.col.state", StorageCluster::state),
        new ResourceColumn<>("main.col.path", StorageCluster::path),
        new ResourceColumn<>("main.col.capacityGib", s -> s.capacityBytes() == null ? "" : Units.gib(s.capacityBytes())),
        new ResourceColumn<>("main.col.usedGib", s -> s.usedBytes() == null ? "" : Units.gib(s.usedBytes())),
        new ResourceColumn<>("main.col.allocatedGib", s -> Units.gib(s.allocatedBytes()))));
  }
}
