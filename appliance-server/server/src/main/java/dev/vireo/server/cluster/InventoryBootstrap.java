package dev.vireo.server.cluster;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuArch;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Rows;
import dev.vireo.server.spec.SpecStore;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * On first start: the default region, a default compute cluster for this host's architecture
 * with its undeletable default spec (1C1G), and the white paper's suggested specs (4.2.2).
 */
public final class InventoryBootstrap {
  /** White paper 3.2.5: every node probes the others every 10 s. */
  public static final int HA_PROBE_DEFAULT_SECONDS = 10;

  private InventoryBootstrap() {}

  public static void ensureDefaults(Jdbi jdbi, ClusterStore clusters, SpecStore specs, CpuArch hostArch) {
    jdbi.useTransaction(h -> {
      int regions = h.createQuery("SELECT COUNT(*) FROM regions").mapTo(Integer.class).one();
      if (regions > 0) {
        return;
      }
      String region = Ids.next("region");
      h.createUpdate("INSERT INTO regions (id, name, is_default) VALUES (:id, 'default', TRUE)").bind("id", region)
          .execute();
      String cluster = Ids.next("cluster");
      clusters.insert(h, new Cluster(cluster, region, "default", hostArch, 100, Instant.now(), HA_PROBE_DEFAULT_SECONDS));
      specs.insert(h, cluster, 1, 1, true);
      for (int[] s : SpecStore.DEFAULTS) {
        specs.insert(h, null, s[0], s[1], false);
      }
      h.createUpdate("INSERT INTO events (kind, resource_id, state, occurred_at) VALUES ('cluster', :id, 'CREATED', :t)")
          .bind("id", cluster).bind("t", Rows.now()).execute();
    });
  }

  /** The architecture of the JVM's host in the inventory's terms. */
  public static CpuArch hostArch() {
    String a = System.getProperty("os.arch");
    return a.equals("aarch64") || a.equals("arm64") ? CpuArch.AARCH64 : CpuArch.X86_64;
  }
}
