package dev.vireo.client.specs;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.api.model.UpdateDiskSpecRequest;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * Disk specs (white paper 6.5; GET /api/v1/disk-specs): the capacity range of new virtual disks on
 * each storage cluster. The platform generates them, so the only action is to modify one; the
 * answer comes at once (no job) and names the row to read again.
 */
public final class DiskSpecsScreen extends ResourceScreen<DiskSpec> {
  public DiskSpecsScreen(AppContext ctx, ResourceSession session) {
    super("disk-specs", "specs.nav.disk", session, ResourceSource.whole(DiskSpec::storageClusterId,
            () -> ctx.client().listDiskSpecs().items()).readBy(id -> ctx.client().getDiskSpec(id)), List.of(
        new ResourceColumn<>("main.col.storage", DiskSpec::storageClusterName),
        new ResourceColumn<>("specs.col.minGib", DiskSpec::minGiB),
        new ResourceColumn<>("specs.col.maxGib", DiskSpec::maxGiB),
        new ResourceColumn<>("specs.col.cluster", DiskSpec::clusterId),
        new ResourceColumn<>("specs.col.modified", DiskSpec::updatedAt)), List.of(
        new ResourceColumn<>("specs.col.storageId", DiskSpec::storageClusterId)), DiskSpec::storageClusterName,
        List.of(ResourceAction.form("specs.action.modify-disk", d -> true, d -> new FormSpec(List.of(
            FormField.text("minGiB", "specs.col.minGib", true, String.valueOf(d.minGiB())),
            FormField.text("maxGiB", "specs.col.maxGib", true, String.valueOf(d.maxGiB()))),
            v -> {
              DiskSpec now = ctx.client().updateDiskSpec(d.storageClusterId(),
                  new UpdateDiskSpecRequest(v.integer("minGiB"), v.integer("maxGiB")));
              return new Accepted(null, "disk-spec", now.storageClusterId());
            }))));
  }
}
