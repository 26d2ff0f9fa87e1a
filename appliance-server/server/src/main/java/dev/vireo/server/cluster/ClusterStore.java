package dev.vireo.server.cluster;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuArch;
import dev.vireo.api.model.Region;
import dev.vireo.server.inventory.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Regions and compute clusters. */
public final class ClusterStore {
  private final Jdbi jdbi;

  public ClusterStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Region> regions() {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, name, is_default FROM regions ORDER BY name")
        .map((rs, c) -> new Region(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list());
  }

  public String defaultRegionId() {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM regions WHERE is_default").mapTo(String.class).one());
  }

  /** Cluster id to region id: what the region filters of cluster-bound lists look up (ADR 0039). */
  public java.util.Map<String, String> regionsByCluster() {
    return list().stream().collect(java.util.stream.Collectors.toMap(Cluster::id, Cluster::regionId));
  }

  public List<Cluster> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM clusters ORDER BY created_at, id").map(ClusterStore::map).list());
  }

  public Optional<Cluster> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM clusters WHERE id = :id").bind("id", id)
        .map(ClusterStore::map).findOne());
  }

  public Optional<Cluster> byName(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM clusters WHERE name = :n").bind("n", name)
        .map(ClusterStore::map).findOne());
  }

  /** The cluster used when a request names none: the oldest one; empty before the first exists. */
  public Optional<Cluster> findDefault() {
    return list().stream().findFirst();
  }

  /** {@link #findDefault()}, for when a cluster exists (the bootstrap creates one). */
  public Cluster defaultCluster() {
    return findDefault().orElseThrow();
  }

  public void insert(Handle h, Cluster c) {
    h.createUpdate("INSERT INTO clusters (id, region_id, name, arch, cpu_overcommit_percent, created_at)"
            + " VALUES (:id, :r, :n, :a, :o, :t)")
        .bind("id", c.id()).bind("r", c.regionId()).bind("n", c.name()).bind("a", c.arch().name())
        .bind("o", c.cpuOvercommitPercent()).bind("t", Rows.now()).execute();
  }

  private static Cluster map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    return new Cluster(rs.getString("id"), rs.getString("region_id"), rs.getString("name"),
        CpuArch.valueOf(rs.getString("arch")), rs.getInt("cpu_overcommit_percent"), Rows.instant(rs, "created_at"),
        rs.getInt("ha_probe_interval_seconds"));
  }
}
