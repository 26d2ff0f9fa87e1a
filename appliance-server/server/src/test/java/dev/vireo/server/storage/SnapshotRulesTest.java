package dev.vireo.server.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;

class SnapshotRulesTest {
  private static Disk disk(DiskState state, String vmId) {
    return new Disk("disk-0123456789ab", "data", null, "sc-1", 10, state, null, vmId, vmId == null ? null : "vdc",
        null, null, null);
  }

  @Test
  void theSixthSnapshotOfADiskWithTheDefaultLimitIsRefusedNamingTheLimit() {
    assertDoesNotThrow(() -> SnapshotRules.roomFor(disk(DiskState.AVAILABLE, null), 4, 5));
    ApiException e = assertThrows(ApiException.class, () -> SnapshotRules.roomFor(disk(DiskState.AVAILABLE, null), 5, 5));
    assertEquals(422, e.status());
    assertEquals("name", e.field());
    assertTrue(e.getMessage().contains("at most 5") && e.getMessage().contains("per-disk snapshot limit"),
        e.getMessage());
  }

  @Test
  void aDetachedDiskOrOneOfAStoppedVmIsRolledBack() {
    assertDoesNotThrow(() -> SnapshotRules.rollbackAllowed(disk(DiskState.AVAILABLE, null), null));
    assertDoesNotThrow(() -> SnapshotRules.rollbackAllowed(disk(DiskState.ATTACHED, "vm-1"), VmState.STOPPED));
  }

  @Test
  void rollbackUnderARunningVmIsRefusedNamingTheRule() {
    ApiException e = assertThrows(ApiException.class,
        () -> SnapshotRules.rollbackAllowed(disk(DiskState.ATTACHED, "vm-1"), VmState.RUNNING));
    assertEquals(409, e.status());
    assertTrue(e.getMessage().contains("rolled back only when detached or its VM is STOPPED"), e.getMessage());
    assertThrows(ApiException.class, () -> SnapshotRules.rollbackAllowed(disk(DiskState.EXPANDING, null), null));
  }

  @Test
  void noSnapshotIsTakenOfADiskThatIsBusy() {
    assertDoesNotThrow(() -> SnapshotRules.snapshotAllowed(disk(DiskState.ATTACHED, "vm-1")));
    ApiException e = assertThrows(ApiException.class,
        () -> SnapshotRules.snapshotAllowed(disk(DiskState.EXPANDING, null)));
    assertEquals(409, e.status());
  }
}
