package dev.vireo.server.cluster;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuArch;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.spec.SpecStore;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Jobs that only change the inventory: clusters and specs. */
public final class InventoryJobs {
  /** A new compute cluster. */
  public record ClusterContext(String clusterId, String regionId, String name, CpuArch arch, int overcommit,
      Integer haProbeIntervalSeconds) {
    public ClusterContext(String clusterId, String regionId, String name, CpuArch arch, int overcommit) {
      this(clusterId, regionId, name, arch, overcommit, null);
    }
  }

  /** A spec to add (cpu/memory) or remove (specId). */
  public record SpecContext(String specId, String clusterId, int cpu, int memoryGiB) {}

  /** A spec's new name and values (white paper 6.5). */
  public record UpdateSpecContext(String specId, String name, int cpu, int memoryGiB) {}

  private final Jdbi jdbi;
  private final ClusterStore clusters;
  private final SpecStore specs;
  private final EventBus events;

  public InventoryJobs(Jdbi jdbi, ClusterStore clusters, SpecStore specs, EventBus events) {
    this.jdbi = jdbi;
    this.clusters = clusters;
    this.specs = specs;
    this.events = events;
  }

  public JobType<ClusterContext> createCluster() {
    return JobType.single("CREATE_CLUSTER", ClusterContext.class, Step.of("Record cluster and its default spec", c -> {
      if (clusters.get(c.clusterId()).isPresent()) {
        return;
      }
      jdbi.useTransaction(h -> {
        clusters.insert(h, new Cluster(c.clusterId(), c.regionId(), c.name(), c.arch(), c.overcommit(), Instant.now(),
            InventoryBootstrap.HA_PROBE_DEFAULT_SECONDS));
        specs.insert(h, c.clusterId(), 1, 1, true);
      });
      events.publish("cluster", c.clusterId(), "CREATED");
    }));
  }

  public JobType<ClusterContext> updateCluster() {
    return JobType.single("UPDATE_CLUSTER", ClusterContext.class, Step.of("Record the cluster's settings", c -> {
      // raise-only is enforced on the request; the statement keeps it true under races too
      jdbi.useHandle(h -> h.createUpdate("UPDATE clusters SET name = :n, cpu_overcommit_percent ="
              + " GREATEST(cpu_overcommit_percent, :o),"
              + " ha_probe_interval_seconds = COALESCE(:p, ha_probe_interval_seconds) WHERE id = :id")
          .bind("n", c.name()).bind("o", c.overcommit()).bind("p", c.haProbeIntervalSeconds())
          .bind("id", c.clusterId()).execute());
      events.publish("cluster", c.clusterId(), "UPDATED");
    }));
  }

  public JobType<SpecContext> createSpec() {
    return JobType.single("CREATE_SPEC", SpecContext.class, Step.of("Record spec", c -> {
      if (specs.get(c.specId()).isPresent()) {
        return;
      }
      jdbi.useTransaction(h -> h.createUpdate("INSERT INTO specs (id, name, cluster_id, cpu, memory_gib, is_default,"
              + " created_at) VALUES (:id, :n, :c, :cpu, :m, FALSE, CURRENT_TIMESTAMP)")
          .bind("id", c.specId()).bind("n", c.cpu() + "C" + c.memoryGiB() + "G").bind("c", c.clusterId())
          .bind("cpu", c.cpu()).bind("m", c.memoryGiB()).execute());
      events.publish("spec", c.specId(), "CREATED");
    }));
  }

  /** Only the spec's row changes: VMs made from it keep the CPU and memory they were given. */
  public JobType<UpdateSpecContext> updateSpec() {
    return JobType.single("UPDATE_SPEC", UpdateSpecContext.class, Step.of("Record the spec's new values", c -> {
      jdbi.useTransaction(h -> specs.update(h, c.specId(), c.name(), c.cpu(), c.memoryGiB()));
      events.publish("spec", c.specId(), "UPDATED");
    }));
  }

  public JobType<SpecContext> deleteSpec() {
    return JobType.single("DELETE_SPEC", SpecContext.class, Step.of("Remove spec", c -> {
      specs.markDeleted(c.specId());
      events.publish("spec", c.specId(), "DELETED");
    }));
  }
}
