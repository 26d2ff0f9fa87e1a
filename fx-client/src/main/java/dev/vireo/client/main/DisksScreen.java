package dev.vireo.client.main;

import dev.vireo.api.model.Disk;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The virtual disks (GET /api/v1/disks), read-only. */
public final class DisksScreen extends ResourceScreen<Disk> {
  public DisksScreen(AppContext ctx) {
    super("main.nav.disks", ctx, () -> ctx.client().listDisks(null).items(), List.of(
        new ResourceColumn<>("main.col.name", Disk::name),
        new ResourceColumn<>("main.col.state", Disk::state),
        new ResourceColumn<>("main.col.sizeGib", Disk::sizeGiB),
        new ResourceColumn<>("main.col.vm", Disk::vmId),
        new ResourceColumn<>("main.col.storage", Disk::storageClusterId),
        new ResourceColumn<>("main.col.created", Disk::createdAt)));
  }
}
