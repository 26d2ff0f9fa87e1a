package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.VmState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline (cold) migration of a STOPPED VM to another cluster (white paper 3.2.4, ADR 0012): the
 * old node forgets the domain (undefined, its disks and NVRAM kept in the shared storage), then the
 * VM is recorded in the new cluster without a node. Nothing is copied; the next start places it
 * with the scheduler in its new cluster, defines and starts it there. The VM shows MIGRATING while
 * the job runs and STOPPED after, moved or (on failure) where it was.
 */
public final class MigrateVmOfflineJob implements JobType<MigrateVmOfflineJob.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(MigrateVmOfflineJob.class);

  /** The VM, the cluster and node it leaves (node null when it has none) and the cluster it joins. */
  public record Context(String vmId, String sourceClusterId, String sourceNodeId, String targetClusterId) {}

  private final VmStore vms;
  private final ClusterStore clusters;
  private final VmHost host;
  private final VmStateChange state;

  public MigrateVmOfflineJob(VmStore vms, ClusterStore clusters, VmHost host, EventBus events) {
    this.vms = vms;
    this.clusters = clusters;
    this.host = host;
    this.state = new VmStateChange(vms, events);
  }

  @Override
  public String name() {
    return "MIGRATE_VM_OFFLINE";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  /**
   * The target cluster, checked: 409 unless the VM is STOPPED; 422 naming {@code clusterId} when it
   * is unknown, the VM's own cluster, or of another CPU arch.
   */
  public Cluster checkTarget(VmRecord vm, String clusterId) {
    if (vm.state() != VmState.STOPPED) {
      throw ApiException.conflict("cannot migrate VM " + vm.id() + " offline while it is " + vm.state()
          + "; offline migration needs a STOPPED VM (stop it first)");
    }
    Cluster target = clusters.get(clusterId).or(() -> clusters.byName(clusterId))
        .orElseThrow(() -> ApiException.invalid("clusterId", "unknown cluster '" + clusterId + "'"));
    Cluster source = clusters.get(vm.vm().clusterId())
        .orElseThrow(() -> ApiException.conflict("the VM's cluster " + vm.vm().clusterId() + " no longer exists"));
    if (target.id().equals(source.id())) {
      throw ApiException.invalid("clusterId", "VM " + vm.id() + " is already in cluster " + target.name()
          + "; offline migration moves it to another cluster (live migration moves it between nodes)");
    }
    if (target.arch() != source.arch()) {
      throw ApiException.invalid("clusterId", "cluster " + target.name() + " is " + target.arch()
          + " but the VM's cluster " + source.name() + " is " + source.arch()
          + "; a VM moves only between clusters of one CPU arch");
    }
    if (!vm.vm().nics().isEmpty()) {
      // a flat network belongs to one cluster (white paper 3.3): its NICs and addresses cannot follow
      throw ApiException.conflict("VM " + vm.id() + " has " + vm.vm().nics().size() + " NIC(s) on networks of cluster "
          + source.name() + "; a VM with NICs cannot move to another cluster");
    }
    return target;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Forget the domain on its old node", c -> {
          if (c.sourceNodeId() != null) {
            host.call(c.sourceNodeId(), new ForgetDomainCommand(c.vmId()), DoneReply.class, Duration.ofMinutes(2));
            host.leftNode(c.sourceNodeId(), c.vmId());
          }
        }),
        Step.of("Move to the cluster", c -> vms.moveToCluster(c.vmId(), c.targetClusterId())));
  }

  @Override
  public void onSuccess(Context c) {
    LOG.info("VM {} moved offline from cluster {} (node {}) to cluster {}; placed at its next start", c.vmId(),
        c.sourceClusterId(), c.sourceNodeId(), c.targetClusterId());
    state.to(c.vmId(), VmState.STOPPED, null);
  }

  /** The VM stays where the failed step left it (its old cluster and node: a start redefines it there). */
  @Override
  public void onFailure(Context c, String reason) {
    state.to(c.vmId(), VmState.STOPPED, "offline migration failed: " + reason);
  }
}
