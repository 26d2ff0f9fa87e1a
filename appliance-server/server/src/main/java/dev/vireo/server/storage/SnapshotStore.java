package dev.vireo.server.storage;

import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.DiskSnapshotState;
import dev.vireo.server.inventory.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Disk snapshots in the inventory (ADR 0025); a deleted one keeps its row as DELETED. */
public final class SnapshotStore {
  private final Jdbi jdbi;

  public SnapshotStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The disk's snapshots other than DELETED ones, oldest first. */
  public List<DiskSnapshot> ofDisk(String diskId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM disk_snapshots WHERE disk_id = :d AND state <> 'DELETED'"
        + " ORDER BY created_at, id").bind("d", diskId).map((rs, c) -> map(rs)).list());
  }

  public Optional<DiskSnapshot> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  public Optional<DiskSnapshot> get(Handle h, String id) {
    return h.createQuery("SELECT * FROM disk_snapshots WHERE id = :id").bind("id", id).map((rs, c) -> map(rs))
        .findOne();
  }

  /** A live snapshot of the disk by id or name. */
  public Optional<DiskSnapshot> resolve(String diskId, String idOrName) {
    return get(idOrName).filter(s -> diskId.equals(s.diskId())).or(() -> jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM disk_snapshots WHERE disk_id = :d AND name = :n AND state <> 'DELETED'"
                + " ORDER BY created_at LIMIT 1")
        .bind("d", diskId).bind("n", idOrName).map((rs, c) -> map(rs)).findOne()));
  }

  /**
   * Takes the disk's row lock (so two requests count its snapshots one after the other) and counts
   * the snapshots that hold data in the volume: all but DELETED and ERROR ones.
   */
  public int lockAndCount(Handle h, String diskId) {
    h.createUpdate("UPDATE disks SET updated_at = updated_at WHERE id = :d").bind("d", diskId).execute();
    return h.createQuery("SELECT COUNT(*) FROM disk_snapshots WHERE disk_id = :d AND state NOT IN ('DELETED', 'ERROR')")
        .bind("d", diskId).mapTo(Integer.class).one();
  }

  public boolean nameTaken(Handle h, String diskId, String name) {
    return h.createQuery("SELECT COUNT(*) FROM disk_snapshots WHERE disk_id = :d AND name = :n AND state <> 'DELETED'")
        .bind("d", diskId).bind("n", name).mapTo(Integer.class).one() > 0;
  }

  public void insert(Handle h, DiskSnapshot s) {
    h.createUpdate("INSERT INTO disk_snapshots (id, disk_id, vm_id, name, description, size_gib, state, created_at,"
            + " updated_at) VALUES (:id, :d, :vm, :n, :desc, :size, :s, :t, :t)")
        .bind("id", s.id()).bind("d", s.diskId()).bind("vm", s.vmId()).bind("n", s.name()).bind("desc", s.description())
        .bind("size", s.sizeGiB()).bind("s", s.state().name()).bind("t", Rows.now()).execute();
  }

  /** Moves the snapshot from {@code from} to {@code to}, only if it is still in {@code from}: false otherwise. */
  public boolean transition(Handle h, String id, DiskSnapshotState from, DiskSnapshotState to) {
    return h.createUpdate("UPDATE disk_snapshots SET state = :to, state_reason = NULL, updated_at = :t WHERE id = :id"
            + " AND state = :from")
        .bind("to", to.name()).bind("from", from.name()).bind("t", Rows.now()).bind("id", id).execute() == 1;
  }

  public void setState(String id, DiskSnapshotState state, String reason) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE disk_snapshots SET state = :s, state_reason = :r, updated_at = :t"
            + " WHERE id = :id")
        .bind("s", state.name()).bind("r", reason).bind("t", Rows.now()).bind("id", id).execute());
  }

  // --- system-disk snapshots: by VM ---

  /** The VM's system-disk snapshots other than DELETED ones, oldest first. */
  public List<DiskSnapshot> ofVm(String vmId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM disk_snapshots WHERE vm_id = :v AND state <> 'DELETED'"
        + " ORDER BY created_at, id").bind("v", vmId).map((rs, c) -> map(rs)).list());
  }

  /** A live system-disk snapshot of the VM by id or name. */
  public Optional<DiskSnapshot> resolveOnVm(String vmId, String idOrName) {
    return get(idOrName).filter(s -> vmId.equals(s.vmId())).or(() -> jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM disk_snapshots WHERE vm_id = :v AND name = :n AND state <> 'DELETED'"
                + " ORDER BY created_at LIMIT 1")
        .bind("v", vmId).bind("n", idOrName).map((rs, c) -> map(rs)).findOne()));
  }

  /** As {@link #lockAndCount} for the VM's system disk (the VM's row is locked). */
  public int lockAndCountVm(Handle h, String vmId) {
    h.createUpdate("UPDATE vms SET updated_at = updated_at WHERE id = :v").bind("v", vmId).execute();
    return h.createQuery("SELECT COUNT(*) FROM disk_snapshots WHERE vm_id = :v AND state NOT IN ('DELETED', 'ERROR')")
        .bind("v", vmId).mapTo(Integer.class).one();
  }

  public boolean nameTakenVm(Handle h, String vmId, String name) {
    return h.createQuery("SELECT COUNT(*) FROM disk_snapshots WHERE vm_id = :v AND name = :n AND state <> 'DELETED'")
        .bind("v", vmId).bind("n", name).mapTo(Integer.class).one() > 0;
  }

  private static DiskSnapshot map(ResultSet rs) throws SQLException {
    return new DiskSnapshot(rs.getString("id"), rs.getString("disk_id"), rs.getString("name"),
        rs.getString("description"), rs.getInt("size_gib"), DiskSnapshotState.valueOf(rs.getString("state")),
        rs.getString("state_reason"), Rows.instant(rs, "created_at"), rs.getString("vm_id"));
  }
}
