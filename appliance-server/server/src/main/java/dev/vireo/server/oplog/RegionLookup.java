package dev.vireo.server.oplog;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The region a resource lives in, for the region column of the operation log and of resource
 * events: VMs and clusters carry theirs; nodes, networks, storage clusters and disks take their
 * cluster's; security and isolation groups carry theirs (ADR 0047). Images and specs are
 * platform-wide (no region).
 */
public final class RegionLookup {
  private static final List<String> QUERIES = List.of(
      "SELECT region_id FROM vms WHERE id = :id",
      "SELECT region_id FROM clusters WHERE id = :id",
      "SELECT c.region_id FROM nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.id = :id",
      "SELECT c.region_id FROM networks n JOIN clusters c ON c.id = n.cluster_id WHERE n.id = :id",
      "SELECT c.region_id FROM storage_clusters s JOIN clusters c ON c.id = s.cluster_id WHERE s.id = :id",
      "SELECT c.region_id FROM disks d JOIN storage_clusters s ON s.id = d.storage_cluster_id"
          + " JOIN clusters c ON c.id = s.cluster_id WHERE d.id = :id",
      "SELECT region_id FROM security_groups WHERE id = :id AND region_id IS NOT NULL",
      "SELECT region_id FROM isolation_groups WHERE id = :id AND region_id IS NOT NULL");

  private RegionLookup() {}

  /** The region of the first of {@code resources} that has one; null when none has. */
  public static String regionOf(Handle h, List<String> resources) {
    for (String id : resources) {
      for (String sql : QUERIES) {
        Optional<String> region = h.createQuery(sql).bind("id", id).mapTo(String.class).findFirst();
        if (region.isPresent()) {
          return region.get();
        }
      }
    }
    return null;
  }
}
