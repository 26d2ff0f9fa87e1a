package dev.vireo.server.storage;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.server.inventory.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Virtual disks in the inventory; a deleted disk keeps its row as DELETED. */
public final class DiskStore {
  private final Jdbi jdbi;

  public DiskStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Live disks (or those in {@code state}), optionally only those of one VM or one storage cluster. */
  public List<Disk> list(DiskState state, String vmId, String storageClusterId) {
    StringBuilder sql = new StringBuilder("SELECT * FROM disks WHERE ")
        .append(state == null ? "state <> 'DELETED'" : "state = :state");
    if (vmId != null) {
      sql.append(" AND vm_id = :vm");
    }
    if (storageClusterId != null) {
      sql.append(" AND storage_cluster_id = :sc");
    }
    sql.append(" ORDER BY created_at, id");
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql.toString());
      if (state != null) {
        q.bind("state", state.name());
      }
      if (vmId != null) {
        q.bind("vm", vmId);
      }
      if (storageClusterId != null) {
        q.bind("sc", storageClusterId);
      }
      return q.map((rs, c) -> map(rs)).list();
    });
  }

  /** The disks attached (or being attached or detached) to a VM, in target order. */
  public List<Disk> ofVm(String vmId) {
    return jdbi.withHandle(h -> ofVm(h, vmId));
  }

  public List<Disk> ofVm(Handle h, String vmId) {
    return h.createQuery("SELECT * FROM disks WHERE vm_id = :vm ORDER BY LENGTH(target), target").bind("vm", vmId)
        .map((rs, c) -> map(rs)).list();
  }

  public Optional<Disk> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  public Optional<Disk> get(Handle h, String id) {
    return h.createQuery("SELECT * FROM disks WHERE id = :id").bind("id", id).map((rs, c) -> map(rs)).findOne();
  }

  /** By id, else by the name of a live disk. */
  public Optional<Disk> resolve(String idOrName) {
    return get(idOrName).or(() -> jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM disks WHERE name = :n AND state <> 'DELETED' ORDER BY created_at LIMIT 1")
        .bind("n", idOrName).map((rs, c) -> map(rs)).findOne()));
  }

  public boolean nameTaken(Handle h, String name) {
    return h.createQuery("SELECT COUNT(*) FROM disks WHERE name = :n AND state <> 'DELETED'").bind("n", name)
        .mapTo(Integer.class).one() > 0;
  }

  public void insert(Handle h, Disk d) {
    h.createUpdate("INSERT INTO disks (id, name, description, storage_cluster_id, size_gib, state, created_at,"
            + " updated_at) VALUES (:id, :n, :d, :sc, :size, :s, :t, :t)")
        .bind("id", d.id()).bind("n", d.name()).bind("d", d.description()).bind("sc", d.storageClusterId())
        .bind("size", d.sizeGiB()).bind("s", d.state().name()).bind("t", Rows.now()).execute();
  }

  public void setState(String id, DiskState state, String reason) {
    jdbi.useHandle(h -> setState(h, id, state, reason));
  }

  public void setState(Handle h, String id, DiskState state, String reason) {
    h.createUpdate("UPDATE disks SET state = :s, state_reason = :r, updated_at = :t WHERE id = :id")
        .bind("s", state.name()).bind("r", reason).bind("t", Rows.now()).bind("id", id).execute();
  }

  /**
   * Records the attachment (state ATTACHING) in the request's transaction, only if the disk is
   * still AVAILABLE and on no VM: false when a concurrent request took it first. The unique key
   * keeps two disks off one target.
   */
  public boolean attach(Handle h, String id, String vmId, String target) {
    return h.createUpdate("UPDATE disks SET vm_id = :vm, target = :target, state = 'ATTACHING', state_reason = NULL,"
            + " updated_at = :t WHERE id = :id AND state = 'AVAILABLE' AND vm_id IS NULL")
        .bind("vm", vmId).bind("target", target).bind("t", Rows.now()).bind("id", id).execute() == 1;
  }

  /** Moves the disk from {@code from} to {@code to}, only if it is still in {@code from}: false otherwise. */
  public boolean transition(Handle h, String id, DiskState from, DiskState to) {
    return h.createUpdate("UPDATE disks SET state = :to, state_reason = NULL, updated_at = :t WHERE id = :id"
            + " AND state = :from")
        .bind("to", to.name()).bind("from", from.name()).bind("t", Rows.now()).bind("id", id).execute() == 1;
  }

  /** The disk is no longer on any VM. */
  public void detached(String id, DiskState state, String reason) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE disks SET vm_id = NULL, target = NULL, state = :s, state_reason = :r,"
            + " updated_at = :t WHERE id = :id")
        .bind("s", state.name()).bind("r", reason).bind("t", Rows.now()).bind("id", id).execute());
  }

  public void setSize(Handle h, String id, int sizeGiB) {
    h.createUpdate("UPDATE disks SET size_gib = :g, updated_at = :t WHERE id = :id").bind("g", sizeGiB)
        .bind("t", Rows.now()).bind("id", id).execute();
  }

  public void setSize(String id, int sizeGiB) {
    jdbi.useHandle(h -> setSize(h, id, sizeGiB));
  }

  /** The disk's volume now lives on another storage cluster (ADR 0026). */
  public void movedTo(String id, String storageClusterId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE disks SET storage_cluster_id = :sc, updated_at = :t WHERE id = :id")
        .bind("sc", storageClusterId).bind("t", Rows.now()).bind("id", id).execute());
  }

  public void allocated(String id, long bytes) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE disks SET allocated_bytes = :b WHERE id = :id").bind("b", bytes)
        .bind("id", id).execute());
  }

  /** The disk's volume was deleted, and the snapshots inside it with it (ADR 0025). */
  public void snapshotsGone(String id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE disk_snapshots SET state = 'DELETED', state_reason = 'disk deleted',"
        + " updated_at = :t WHERE disk_id = :d AND state <> 'DELETED'").bind("t", Rows.now()).bind("d", id).execute());
  }

  /** The VM's system disk (its overlay) was deleted, and its snapshots with it (ADR 0025). */
  public void systemSnapshotsGone(String vmId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE disk_snapshots SET state = 'DELETED', state_reason = 'VM deleted',"
        + " updated_at = :t WHERE vm_id = :v AND state <> 'DELETED'").bind("t", Rows.now()).bind("v", vmId).execute());
  }

  private static Disk map(ResultSet rs) throws SQLException {
    return new Disk(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        rs.getString("storage_cluster_id"), rs.getInt("size_gib"), DiskState.valueOf(rs.getString("state")),
        rs.getString("state_reason"), rs.getString("vm_id"), rs.getString("target"),
        (Long) rs.getObject("allocated_bytes", Long.class), Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
