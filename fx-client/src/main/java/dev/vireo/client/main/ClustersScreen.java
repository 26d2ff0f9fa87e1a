package dev.vireo.client.main;

import dev.vireo.api.model.Cluster;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The compute clusters (GET /api/v1/clusters), read-only. */
public final class ClustersScreen extends ResourceScreen<Cluster> {
  public ClustersScreen(AppContext ctx) {
    super("main.nav.clusters", ctx, () -> ctx.client().listClusters().items(), List.of(
        new ResourceColumn<>("main.col.name", Cluster::name),
        new ResourceColumn<>("main.col.arch", Cluster::arch),
        new ResourceColumn<>("main.col.overcommit", Cluster::cpuOvercommitPercent),
        new ResourceColumn<>("main.col.region", Cluster::regionId),
        new ResourceColumn<>("main.col.created", Cluster::createdAt)));
  }
}
