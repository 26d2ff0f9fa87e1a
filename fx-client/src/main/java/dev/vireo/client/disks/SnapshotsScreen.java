package dev.vireo.client.disks;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.api.model.Page;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.FormView;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * The snapshots of one disk, chosen in the tool bar: a data disk (GET /api/v1/disks/{id}/snapshots)
 * or a VM's system disk (GET /api/v1/vms/{id}/snapshots), live on "snapshot" events: take one,
 * revert the disk to one, delete one.
 */
public final class SnapshotsScreen extends ResourceScreen<DiskSnapshot> {
  private final VireoClient client;
  private final FormField disk;

  public SnapshotsScreen(AppContext ctx, ResourceSession session) {
    this(ctx.client(), session, diskChoice(ctx.client()));
  }

  private SnapshotsScreen(VireoClient c, ResourceSession session, FormField disk) {
    super("snapshots", "main.nav.snapshots", session, ResourceSource.paged(DiskSnapshot::id,
        (Paging p) -> list(c, SnapshotTarget.parse(disk.valueProperty().get()), p))
        .readBy(id -> read(c, SnapshotTarget.parse(disk.valueProperty().get()), id)).liveOn("snapshot")
        .goneWhen(s -> s.state() == DiskSnapshotState.DELETED), List.of(
        new ResourceColumn<>("main.col.name", DiskSnapshot::name),
        new ResourceColumn<>("main.col.state", DiskSnapshot::state),
        new ResourceColumn<>("main.col.sizeGib", DiskSnapshot::sizeGiB),
        new ResourceColumn<>("main.col.created", DiskSnapshot::createdAt)), List.of(
        new ResourceColumn<>("main.col.description", DiskSnapshot::description),
        new ResourceColumn<>("disks.col.reason", DiskSnapshot::stateReason),
        new ResourceColumn<>("disks.col.disk", DiskSnapshot::diskId),
        new ResourceColumn<>("disks.col.id", DiskSnapshot::id)), DiskSnapshot::name, actions(c, disk));
    this.client = c;
    this.disk = disk;
    disk.valueProperty().addListener((o, was, now) -> model().list().load());
    addTool(() -> {
      javafx.scene.Node box = FormView.input(disk);
      box.setId("snapshots-disk");
      return box;
    });
  }

  private static FormField diskChoice(VireoClient c) {
    return FormField.choice("disk", "disks.col.disk", true, List::of); // choices: shown()
  }

  private static Page<DiskSnapshot> list(VireoClient c, SnapshotTarget target, Paging p) {
    if (target == null) {
      return new Page<>(List.of(), 0, 0, p.limit());
    }
    return target.systemDisk() ? c.listVmSnapshots(target.id()) : c.listDiskSnapshots(target.id(), p);
  }

  private static DiskSnapshot read(VireoClient c, SnapshotTarget target, String id) {
    return target.systemDisk() ? c.getVmSnapshot(target.id(), id) : c.getDiskSnapshot(target.id(), id);
  }

  private static List<ResourceAction<DiskSnapshot>> actions(VireoClient c, FormField disk) {
    return List.of(
        ResourceAction.create("disks.action.snapshot", () -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.text("description", "main.col.description", false)),
            v -> {
              SnapshotTarget t = SnapshotTarget.parse(disk.valueProperty().get());
              return t.systemDisk() ? c.createVmSnapshot(t.id(), v.text("name"), v.text("description"))
                  : c.createDiskSnapshot(t.id(), v.text("name"), v.text("description"));
            })),
        ResourceAction.run("disks.action.revert", DiskRules::canRevert, (DiskSnapshot s) -> {
          SnapshotTarget t = SnapshotTarget.parse(disk.valueProperty().get());
          return t.systemDisk() ? c.rollbackVmSnapshot(t.id(), s.id()) : c.rollbackDiskSnapshot(s.diskId(), s.id());
        }).confirm("disks.confirm.revert"),
        ResourceAction.run("disks.action.delete-snapshot", DiskRules::canDeleteSnapshot, (DiskSnapshot s) -> {
          SnapshotTarget t = SnapshotTarget.parse(disk.valueProperty().get());
          return t.systemDisk() ? c.deleteVmSnapshot(t.id(), s.id()) : c.deleteDiskSnapshot(s.diskId(), s.id());
        }).confirm("disks.confirm.delete-snapshot"));
  }

  /**
   * Loads the disks to choose from (each time: disks come and go): the data disks, then each VM's
   * system disk; then the table the first time.
   */
  @Override
  public void shown() {
    session().io().call(() -> {
      List<Choice> choices = new java.util.ArrayList<>();
      client.listDisks(null, Paging.FIRST_1000).items().forEach(d -> choices.add(new Choice(d.id(), d.name())));
      client.listVms(null, null, Paging.FIRST_1000).items().forEach(v -> choices.add(new Choice(
          SnapshotTarget.systemDiskOf(v.id()).value(), session().text().get("disks.choice.system-disk", v.name()))));
      return choices;
    }, list -> {
      disk.choices().setAll(list);
      if (disk.valueProperty().get().isEmpty() && !disk.choices().isEmpty()) {
        disk.valueProperty().set(disk.choices().get(0).value());
      }
    }, e -> disk.errorProperty().set(e.getMessage()));
    super.shown();
  }

  /** The disk whose snapshots are shown (its id; empty before the disks are loaded). */
  public FormField disk() {
    return disk;
  }
}
