package dev.vireo.client.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnapshotTargetTest {
  @Test
  void aSystemDiskChoiceNamesItsVmAndRoundTrips() {
    SnapshotTarget t = SnapshotTarget.parse(SnapshotTarget.systemDiskOf("vm-1").value());
    assertTrue(t.systemDisk());
    assertEquals("vm-1", t.id());
  }

  @Test
  void aPlainChoiceIsADataDisk() {
    SnapshotTarget t = SnapshotTarget.parse("disk-7");
    assertFalse(t.systemDisk());
    assertEquals("disk-7", t.value());
  }

  @Test
  void nothingChosenIsNoTarget() {
    assertNull(SnapshotTarget.parse(""));
  }
}
