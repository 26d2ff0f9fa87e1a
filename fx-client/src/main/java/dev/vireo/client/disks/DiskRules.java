package dev.vireo.client.disks;

import static dev.vireo.api.model.DiskState.ATTACHED;
import static dev.vireo.api.model.DiskState.AVAILABLE;
import static dev.vireo.api.model.DiskState.ERROR;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.api.model.DiskState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which disk and snapshot actions the server accepts in which state (its DiskRules and
 * SnapshotRules as the client needs them), so only valid actions are enabled.
 */
public final class DiskRules {
  private static final Set<DiskState> RESIZABLE = EnumSet.of(AVAILABLE, ATTACHED);

  private DiskRules() {}

  public static boolean canAttach(Disk d) {
    return d.state() == AVAILABLE && d.vmId() == null;
  }

  public static boolean canDetach(Disk d) {
    return d.state() == ATTACHED && d.vmId() != null;
  }

  public static boolean canResize(Disk d) {
    return RESIZABLE.contains(d.state());
  }

  public static boolean canSnapshot(Disk d) {
    return RESIZABLE.contains(d.state());
  }

  public static boolean canDelete(Disk d) {
    return (d.state() == AVAILABLE || d.state() == ERROR) && d.vmId() == null;
  }

  public static boolean canRevert(DiskSnapshot s) {
    return s.state() == DiskSnapshotState.AVAILABLE;
  }

  public static boolean canDeleteSnapshot(DiskSnapshot s) {
    return s.state() == DiskSnapshotState.AVAILABLE || s.state() == DiskSnapshotState.ERROR;
  }
}
