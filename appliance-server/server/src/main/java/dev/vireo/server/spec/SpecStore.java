package dev.vireo.server.spec;

import dev.vireo.api.model.Spec;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Instance specs: global ones apply to every cluster; each cluster has one undeletable default. */
public final class SpecStore {
  /** The white paper's default specs (4.2.2). */
  public static final int[][] DEFAULTS = {{1, 2}, {2, 4}, {4, 8}, {8, 16}, {16, 32}, {32, 64}};

  private final Jdbi jdbi;

  public SpecStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Spec> list(String clusterId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM specs WHERE NOT deleted"
            + (clusterId == null ? "" : " AND (cluster_id IS NULL OR cluster_id = :c)") + " ORDER BY cpu, memory_gib, id")
        .bindMap(clusterId == null ? java.util.Map.of() : java.util.Map.of("c", clusterId))
        .map(SpecStore::map).list());
  }

  public Optional<Spec> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM specs WHERE id = :id AND NOT deleted").bind("id", id)
        .map(SpecStore::map).findOne());
  }

  /** A spec usable in the cluster, by id or by name (the cluster's own spec wins over a global one). */
  public Optional<Spec> resolve(String idOrName, String clusterId) {
    return list(clusterId).stream()
        .filter(s -> s.id().equals(idOrName) || s.name().equalsIgnoreCase(idOrName))
        .sorted((a, b) -> Boolean.compare(b.clusterId() != null, a.clusterId() != null))
        .findFirst();
  }

  public Spec insert(Handle h, String clusterId, int cpu, int memoryGiB, boolean isDefault) {
    Spec s = new Spec(Ids.next("spec"), SpecRules.name(cpu, memoryGiB), clusterId, cpu, memoryGiB, isDefault,
        java.time.Instant.now());
    h.createUpdate("INSERT INTO specs (id, name, cluster_id, cpu, memory_gib, is_default, created_at)"
            + " VALUES (:id, :n, :c, :cpu, :m, :d, :t)")
        .bind("id", s.id()).bind("n", s.name()).bind("c", clusterId).bind("cpu", cpu).bind("m", memoryGiB)
        .bind("d", isDefault).bind("t", Rows.now()).execute();
    return s;
  }

  /** New values and name; VMs keep the CPU and memory they copied from the spec when they were made. */
  public void update(Handle h, String id, String name, int cpu, int memoryGiB) {
    h.createUpdate("UPDATE specs SET name = :n, cpu = :cpu, memory_gib = :m WHERE id = :id AND NOT deleted")
        .bind("n", name).bind("cpu", cpu).bind("m", memoryGiB).bind("id", id).execute();
  }

  /** The spec of these values usable in the cluster (the cluster's own wins over a global one). */
  public Optional<Spec> byValues(int cpu, int memoryGiB, String clusterId) {
    return list(clusterId).stream().filter(s -> s.cpu() == cpu && s.memoryGiB() == memoryGiB)
        .sorted((a, b) -> Boolean.compare(b.clusterId() != null, a.clusterId() != null))
        .findFirst();
  }

  /** Other live specs of the same scope (the same cluster, or the global ones) as {@code clusterId}. */
  public List<Spec> sameScope(Handle h, String clusterId, String exceptId) {
    return h.createQuery("SELECT * FROM specs WHERE NOT deleted AND id <> :x AND "
            + (clusterId == null ? "cluster_id IS NULL" : "cluster_id = :c"))
        .bind("x", exceptId).bindMap(clusterId == null ? java.util.Map.of() : java.util.Map.of("c", clusterId))
        .map(SpecStore::map).list();
  }

  public void markDeleted(String id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE specs SET deleted = TRUE WHERE id = :id").bind("id", id).execute());
  }

  private static Spec map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    return new Spec(rs.getString("id"), rs.getString("name"), rs.getString("cluster_id"), rs.getInt("cpu"),
        rs.getInt("memory_gib"), rs.getBoolean("is_default"), Rows.instant(rs, "created_at"));
  }
}
