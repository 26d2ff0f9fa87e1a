package dev.vireo.server.storage;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.StorageClusterState;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Rows;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Storage clusters in the inventory. Allocated bytes are computed: the sizes of the live disks on
 * the storage and, on a compute cluster's default storage (the storage root, ADR 0004), the system
 * disks of its live VMs.
 */
public final class StorageClusterStore {
  /** Allocated: its live disks, and the system disks on it (on the default one unless moved, ADR 0028). */
  private static final String SELECT = "SELECT s.*, COALESCE((SELECT SUM(CAST(d.size_gib AS BIGINT)) FROM disks d"
      + " WHERE d.storage_cluster_id = s.id AND d.state <> 'DELETED'), 0)"
      + " + COALESCE((SELECT SUM(CAST(v.system_disk_gib AS BIGINT)) FROM vms v WHERE v.state <> 'DELETED' AND"
      + " (v.system_storage_cluster_id = s.id OR (v.system_storage_cluster_id IS NULL AND s.default_for_cluster"
      + " AND v.cluster_id = s.cluster_id))), 0) AS allocated_gib FROM storage_clusters s";
  private final Jdbi jdbi;
  private final Path storageRoot;

  /** {@code storageRoot}: the path of every compute cluster's default storage cluster. */
  public StorageClusterStore(Jdbi jdbi, Path storageRoot) {
    this.jdbi = jdbi;
    this.storageRoot = storageRoot.toAbsolutePath().normalize();
  }

  /**
   * Gives every compute cluster without one its default storage cluster: the storage root its VMs'
   * system disks already live in, named {@code default} for the first cluster and
   * {@code default-<cluster>} for the others. Run at start and before storage is listed or chosen.
   */
  public void ensureDefaults(List<Cluster> clusters) {
    for (int i = 0; i < clusters.size(); i++) {
      try {
        ensureDefault(clusters.get(i), i == 0);
      } catch (org.jdbi.v3.core.JdbiException e) {
        // a concurrent request inserted the same default (same name, unique): it is there now
        if (defaultFor(clusters.get(i).id()).isEmpty()) {
          throw e;
        }
      }
    }
  }

  private void ensureDefault(Cluster c, boolean first) {
    jdbi.useTransaction(h -> {
      boolean has = h.createQuery("SELECT COUNT(*) FROM storage_clusters WHERE cluster_id = :c AND default_for_cluster")
          .bind("c", c.id()).mapTo(Integer.class).one() > 0;
      if (has) {
        return;
      }
      String name = first ? "default" : "default-" + c.name();
      if (nameTaken(h, name)) {
        name = "default-" + c.id();
      }
      h.createUpdate("INSERT INTO storage_clusters (id, name, cluster_id, path, description, default_for_cluster,"
              + " state, created_at) VALUES (:id, :n, :c, :p, :d, TRUE, 'AVAILABLE', :t)")
          .bind("id", Ids.next("sc")).bind("n", name).bind("c", c.id()).bind("p", storageRoot.toString())
          .bind("d", "the storage root of cluster " + c.name() + " (system disks and images)")
          .bind("t", Rows.now()).execute();
    });
  }

  public List<StorageCluster> list() {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY s.created_at, s.id").map((rs, c) -> map(rs)).list());
  }

  public Optional<StorageCluster> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  public Optional<StorageCluster> get(Handle h, String id) {
    return h.createQuery(SELECT + " WHERE s.id = :id").bind("id", id).map((rs, c) -> map(rs)).findOne();
  }

  /** By id, else by name. */
  public Optional<StorageCluster> resolve(String idOrName) {
    return get(idOrName).or(() -> jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE s.name = :n")
        .bind("n", idOrName).map((rs, c) -> map(rs)).findOne()));
  }

  public Optional<StorageCluster> defaultFor(String clusterId) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE s.cluster_id = :c AND s.default_for_cluster")
        .bind("c", clusterId).map((rs, c) -> map(rs)).findOne());
  }

  public boolean nameTaken(Handle h, String name) {
    return h.createQuery("SELECT COUNT(*) FROM storage_clusters WHERE name = :n").bind("n", name)
        .mapTo(Integer.class).one() > 0;
  }

  public boolean pathTaken(Handle h, String clusterId, String path) {
    return h.createQuery("SELECT COUNT(*) FROM storage_clusters WHERE cluster_id = :c AND path = :p")
        .bind("c", clusterId).bind("p", path).mapTo(Integer.class).one() > 0;
  }

  public void insert(Handle h, StorageCluster s) {
    h.createUpdate("INSERT INTO storage_clusters (id, name, cluster_id, path, description, default_for_cluster, state,"
            + " created_at) VALUES (:id, :n, :c, :p, :d, FALSE, :s, :t)")
        .bind("id", s.id()).bind("n", s.name()).bind("c", s.clusterId()).bind("p", s.path())
        .bind("d", s.description()).bind("s", s.state().name()).bind("t", Rows.now()).execute();
  }

  public void setState(String id, StorageClusterState state) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE storage_clusters SET state = :s WHERE id = :id")
        .bind("s", state.name()).bind("id", id).execute());
  }

  public void setState(Handle h, String id, StorageClusterState state) {
    h.createUpdate("UPDATE storage_clusters SET state = :s WHERE id = :id").bind("s", state.name()).bind("id", id)
        .execute();
  }

  /** The file system figures a node measured. */
  public void measured(String id, long capacityBytes, long usedBytes) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE storage_clusters SET capacity_bytes = :c, used_bytes = :u,"
            + " measured_at = :t WHERE id = :id")
        .bind("c", capacityBytes).bind("u", usedBytes).bind("t", Rows.now()).bind("id", id).execute());
  }

  /** How many live disks are on the storage cluster, VMs' system disks moved there included (ADR 0028). */
  public int diskCount(Handle h, String id) {
    return h.createQuery("SELECT (SELECT COUNT(*) FROM disks WHERE storage_cluster_id = :id AND state <> 'DELETED')"
            + " + (SELECT COUNT(*) FROM vms WHERE system_storage_cluster_id = :id AND state <> 'DELETED')"
            + " FROM (VALUES (0))")
        .bind("id", id).mapTo(Integer.class).one();
  }

  public Optional<StorageCluster> ofSystemDisk(String vmId) {
    return jdbi.withHandle(h -> ofSystemDisk(h, vmId));
  }

  /** The storage cluster a VM's system disk is on: the one it was moved to, else its cluster's default. */
  public Optional<StorageCluster> ofSystemDisk(Handle h, String vmId) {
    return h.createQuery(SELECT + " WHERE s.id = COALESCE((SELECT v.system_storage_cluster_id FROM vms v WHERE v.id"
            + " = :vm), (SELECT d.id FROM storage_clusters d JOIN vms v ON d.cluster_id = v.cluster_id WHERE v.id"
            + " = :vm AND d.default_for_cluster))")
        .bind("vm", vmId).map((rs, c) -> map(rs)).findOne();
  }

  /** Removes the record with its deleted disks' rows; only for a storage cluster without live disks. */
  public void delete(String id) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM disks WHERE storage_cluster_id = :id AND state = 'DELETED'").bind("id", id).execute();
      h.createUpdate("DELETE FROM storage_clusters WHERE id = :id").bind("id", id).execute();
    });
  }

  private static StorageCluster map(ResultSet rs) throws SQLException {
    return new StorageCluster(rs.getString("id"), rs.getString("name"), rs.getString("cluster_id"),
        rs.getString("path"), rs.getString("description"), rs.getBoolean("default_for_cluster"),
        StorageClusterState.valueOf(rs.getString("state")), (Long) rs.getObject("capacity_bytes", Long.class),
        (Long) rs.getObject("used_bytes", Long.class), rs.getLong("allocated_gib") << 30,
        Rows.instant(rs, "measured_at"), Rows.instant(rs, "created_at"));
  }
}
