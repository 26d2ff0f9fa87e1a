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
 * The snapshots of one data disk, chosen in the tool bar (GET /api/v1/disks/{id}/snapshots), live
 * on "snapshot" events: take one, revert the disk to one, delete one.
 */
public final class SnapshotsScreen extends ResourceScreen<DiskSnapshot> {
  private final VireoClient client;
  private final FormField disk;

  public SnapshotsScreen(AppContext ctx, ResourceSession session) {
    this(ctx.client(), session, diskChoice(ctx.client()));
  }

  private SnapshotsScreen(VireoClient c, ResourceSession session, FormField disk) {
    super("snapshots", "main.nav.snapshots", session, ResourceSource.paged(DiskSnapshot::id,
        (Paging p) -> disk.valueProperty().get().isEmpty() ? new Page<DiskSnapshot>(List.of(), 0, 0, p.limit())
            : c.listDiskSnapshots(disk.valueProperty().get(), p))
        .readBy(id -> c.getDiskSnapshot(disk.valueProperty().get(), id)).liveOn("snapshot")
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

  private static List<ResourceAction<DiskSnapshot>> actions(VireoClient c, FormField disk) {
    return List.of(
        ResourceAction.create("disks.action.snapshot", () -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.text("description", "main.col.description", false)),
            v -> c.createDiskSnapshot(disk.valueProperty().get(), v.text("name"), v.text("description")))),
        ResourceAction.run("disks.action.revert", DiskRules::canRevert,
            (DiskSnapshot s) -> c.rollbackDiskSnapshot(s.diskId(), s.id())).confirm("disks.confirm.revert"),
        ResourceAction.run("disks.action.delete-snapshot", DiskRules::canDeleteSnapshot,
            (DiskSnapshot s) -> c.deleteDiskSnapshot(s.diskId(), s.id())).confirm("disks.confirm.delete-snapshot"));
  }

  /** Loads the disks to choose from (each time: disks come and go), then the table the first time. */
  @Override
  public void shown() {
    session().io().call(() -> client.listDisks(null, Paging.FIRST_1000).items(), list -> {
      disk.choices().setAll(list.stream().map(d -> new Choice(d.id(), d.name())).toList());
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
