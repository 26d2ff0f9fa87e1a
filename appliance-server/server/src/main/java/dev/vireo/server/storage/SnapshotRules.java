package dev.vireo.server.storage;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.http.ApiException;

/**
 * The white paper's snapshot rules (4.5, issue 5 D4), checked before anything is recorded: at most
 * the administrator's number of snapshots per disk (default 5), and a rollback only of a detached
 * disk or a disk of a stopped VM, so no running guest sees its data change under it.
 */
public final class SnapshotRules {
  private SnapshotRules() {}

  /** 422 naming {@code name} when the disk already has {@code max} snapshots. */
  public static void roomFor(Disk d, int existing, int max) {
    if (existing >= max) {
      throw ApiException.invalid("name", "disk " + d.name() + " already has " + existing + " snapshots; a disk"
          + " keeps at most " + max + " (the per-disk snapshot limit of /api/v1/settings/disks):"
          + " delete one first");
    }
  }

  /**
   * 409 unless the disk may be rolled back: detached and AVAILABLE, or ATTACHED to a VM that is
   * STOPPED ({@code vmState} null for a detached disk).
   */
  public static void rollbackAllowed(Disk d, VmState vmState) {
    if (d.vmId() == null) {
      if (d.state() != DiskState.AVAILABLE) {
        throw ApiException.conflict("disk " + d.name() + " is " + d.state() + "; a disk is rolled back only when"
            + " AVAILABLE (detached) or attached to a STOPPED VM");
      }
      return;
    }
    if (vmState != VmState.STOPPED || d.state() != DiskState.ATTACHED) {
      throw ApiException.conflict("disk " + d.name() + " is attached to VM " + d.vmId() + " which is " + vmState
          + "; a disk is rolled back only when detached or its VM is STOPPED (stop the VM or detach the disk first)");
    }
  }

  /** 409 unless the disk may get or lose a snapshot now: AVAILABLE (detached) or ATTACHED. */
  public static void snapshotAllowed(Disk d) {
    if (d.state() != DiskState.AVAILABLE && d.state() != DiskState.ATTACHED) {
      throw ApiException.conflict("disk " + d.name() + " is " + d.state() + "; snapshots are taken and deleted when"
          + " the disk is AVAILABLE or ATTACHED");
    }
  }
}
