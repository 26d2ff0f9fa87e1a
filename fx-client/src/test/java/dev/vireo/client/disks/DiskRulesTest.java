package dev.vireo.client.disks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.api.model.DiskState;
import org.junit.jupiter.api.Test;

/** Disk and snapshot actions are offered only in the states the server accepts them in. */
class DiskRulesTest {
  private static Disk disk(DiskState state, String vmId) {
    return new Disk("d", "data", null, "sc", 10, state, null, vmId, null, null, null, null);
  }

  @Test
  void aDetachedAvailableDiskIsAttachedResizedSnapshottedOrDeletedButNotDetached() {
    Disk d = disk(DiskState.AVAILABLE, null);
    assertTrue(DiskRules.canAttach(d) && DiskRules.canResize(d) && DiskRules.canSnapshot(d) && DiskRules.canDelete(d));
    assertFalse(DiskRules.canDetach(d));
  }

  @Test
  void anAttachedDiskIsDetachedResizedOrSnapshottedButNeitherAttachedNorDeleted() {
    Disk d = disk(DiskState.ATTACHED, "vm-1");
    assertTrue(DiskRules.canDetach(d) && DiskRules.canResize(d) && DiskRules.canSnapshot(d));
    assertFalse(DiskRules.canAttach(d) || DiskRules.canDelete(d));
  }

  @Test
  void aBusyDiskOffersNothing() {
    for (DiskState s : new DiskState[] {DiskState.CREATING, DiskState.ATTACHING, DiskState.DETACHING,
        DiskState.EXPANDING, DiskState.SNAPSHOTTING, DiskState.MIGRATING, DiskState.DELETING}) {
      Disk d = disk(s, null);
      assertFalse(DiskRules.canAttach(d) || DiskRules.canDetach(d) || DiskRules.canResize(d)
          || DiskRules.canSnapshot(d) || DiskRules.canDelete(d), s.name());
    }
  }

  @Test
  void onlyAnAvailableSnapshotIsRevertedTo() {
    DiskSnapshot ok = new DiskSnapshot("s", "d", "n", null, 10, DiskSnapshotState.AVAILABLE, null, null, null);
    DiskSnapshot busy = new DiskSnapshot("s", "d", "n", null, 10, DiskSnapshotState.COPYING, null, null, null);
    assertTrue(DiskRules.canRevert(ok) && DiskRules.canDeleteSnapshot(ok));
    assertFalse(DiskRules.canRevert(busy) || DiskRules.canDeleteSnapshot(busy));
  }
}
