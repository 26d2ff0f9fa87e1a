package dev.vireo.client.main;

import dev.vireo.api.model.Cluster;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/** The compute clusters (GET /api/v1/clusters), live on "cluster" events. */
public final class ClustersScreen extends ResourceScreen<Cluster> {
  public ClustersScreen(AppContext ctx, ResourceSession session) {
    super("clusters", "main.nav.clusters", session, ResourceSource.paged(Cluster::id, ctx.client()::listClusters)
        .readBy(ctx.client()::getCluster).liveOn("cluster").inRegion(Cluster::regionId), List.of(
        new ResourceColumn<>("main.col.name", Cluster::name),
        new ResourceColumn<>("main.col.arch", Cluster::arch),
        new ResourceColumn<>("main.col.overcommit", Cluster::cpuOvercommitPercent),
        new ResourceColumn<>("main.col.region", Cluster::regionId),
        new ResourceColumn<>("main.col.created", Cluster::createdAt)));
  }
}
