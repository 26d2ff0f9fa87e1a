package dev.vireo.client.disks;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.main.Units;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.ClusterRegions;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;
import java.util.UUID;

/**
 * The data disks (GET /api/v1/disks), live on "disk" events: create, attach to a VM, detach,
 * resize, snapshot and delete, each offered only in the states the server accepts.
 */
public final class DisksScreen extends ResourceScreen<Disk> {
  public DisksScreen(AppContext ctx, ResourceSession session) {
    super("disks", "main.nav.disks", session, ClusterRegions.of(ctx.client()).byStorageCluster(
        ResourceSource.paged(Disk::id, (Paging p) -> ctx.client().listDisks(null, p)).readBy(ctx.client()::getDisk)
        .liveOn("disk").goneWhen(d -> d.state() == DiskState.DELETED), Disk::storageClusterId), List.of(
        new ResourceColumn<>("main.col.name", Disk::name),
        new ResourceColumn<>("main.col.state", Disk::state),
        new ResourceColumn<>("main.col.sizeGib", Disk::sizeGiB),
        new ResourceColumn<>("main.col.vm", Disk::vmId),
        new ResourceColumn<>("disks.col.target", Disk::target),
        new ResourceColumn<>("main.col.storage", Disk::storageClusterId),
        new ResourceColumn<>("main.col.created", Disk::createdAt)), List.of(
        new ResourceColumn<>("main.col.description", Disk::description),
        new ResourceColumn<>("disks.col.reason", Disk::stateReason),
        new ResourceColumn<>("disks.col.allocatedGib", d -> d.allocatedBytes() == null ? null
            : Units.gib(d.allocatedBytes())),
        new ResourceColumn<>("disks.col.id", Disk::id)), Disk::name, actions(ctx.client()));
  }

  private static List<ResourceAction<Disk>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("disks.action.create", () -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.text("sizeGiB", "main.col.sizeGib", true, "10"),
            FormField.choice("storageClusterId", "main.col.storage", false, () -> c.listStorageClusters().items()
                .stream().map(s -> new Choice(s.id(), s.name())).toList()),
            FormField.text("description", "main.col.description", false)),
            v -> c.createDisk(new CreateDiskRequest(v.text("name"), v.text("description"), v.integer("sizeGiB"),
                v.text("storageClusterId")), UUID.randomUUID().toString()))),
        ResourceAction.form("disks.action.attach", DiskRules::canAttach, d -> new FormSpec(List.of(
            FormField.choice("vm", "main.col.vm", true, () -> c.listVms(null, null, Paging.FIRST_1000).items()
                .stream().filter(vm -> vm.state() != VmState.DELETED).map(vm -> new Choice(vm.id(), vm.name()))
                .toList())),
            v -> c.attachDisk(v.text("vm"), d.id()))),
        ResourceAction.run("disks.action.detach", DiskRules::canDetach, (Disk d) -> c.detachDisk(d.vmId(), d.id()))
            .confirm("disks.confirm.detach"),
        ResourceAction.form("disks.action.resize", DiskRules::canResize, d -> new FormSpec(List.of(
            FormField.text("sizeGiB", "main.col.sizeGib", true, String.valueOf(d.sizeGiB()))),
            v -> c.resizeDisk(d.id(), v.integer("sizeGiB")))),
        ResourceAction.form("disks.action.snapshot", DiskRules::canSnapshot, d -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.text("description", "main.col.description", false)),
            v -> c.createDiskSnapshot(d.id(), v.text("name"), v.text("description")))),
        ResourceAction.run("disks.action.delete", DiskRules::canDelete, (Disk d) -> c.deleteDisk(d.id()))
            .confirm("disks.confirm.delete"));
  }
}
