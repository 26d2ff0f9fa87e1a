package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.MigrateVmCommand;
import dev.vireo.agent.protocol.MigrationReply;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.group.GroupRules;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.scheduler.ClusterSnapshot;
import dev.vireo.server.scheduler.PlacementDecision;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.PlacementReservations;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live migration of a running VM to another node of its cluster (shared storage, peer-to-peer
 * between the two libvirtds). The VM shows MIGRATING while the job runs; the reconciler leaves it
 * alone (the job owns it). On success it is recorded RUNNING on the destination; on failure both
 * nodes are asked where the domain really is and the inventory records that, so the VM never stays
 * recorded on a node that does not run it. The destination's capacity stays reserved with the
 * scheduler until the job ends.
 */
public final class MigrateVmJob implements JobType<MigrateVmJob.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(MigrateVmJob.class);
  /** How long the source agent may take; auto-converge bounds a busy guest, TCG is slow. */
  static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(15);

  /** The VM, where it runs and where it goes. */
  public record Context(String vmId, String sourceNodeId, String destinationNodeId) {}

  private final VmStore vms;
  private final NodeStore nodes;
  private final ClusterStore clusters;
  private final InventorySnapshots snapshots;
  private final VmHost host;
  private final PlacementReservations placements;
  private final EventBus events;
  private final VmStateChange state;
  private final GroupStore groups;
  /** What the migration step measured, for onSuccess (lost on a restart: then only the outcome is reported). */
  private final Map<String, MigrationReply> measured = new ConcurrentHashMap<>();

  public MigrateVmJob(VmStore vms, NodeStore nodes, ClusterStore clusters, GroupStore groups,
      InventorySnapshots snapshots, VmHost host, PlacementReservations placements, EventBus events) {
    this.vms = vms;
    this.groups = groups;
    this.nodes = nodes;
    this.clusters = clusters;
    this.snapshots = snapshots;
    this.host = host;
    this.placements = placements;
    this.events = events;
    this.state = new VmStateChange(vms, events);
  }

  @Override
  public String name() {
    return "MIGRATE_VM";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  /**
   * Validates the destination (given or, when {@code requested} is null, chosen by the scheduler
   * among the other nodes of the VM's cluster) and reserves its capacity. The VM's isolation groups
   * apply as at a create: hard rules filter, soft ones weigh. Throws 422 naming {@code nodeId} and
   * the rule broken. The caller releases the reservation if it does not submit.
   */
  public String chooseDestination(VmRecord vm, String requested) {
    String source = vm.nodeId();
    Cluster cluster = clusters.get(vm.vm().clusterId())
        .orElseThrow(() -> ApiException.conflict("the VM's cluster " + vm.vm().clusterId() + " no longer exists"));
    ClusterSnapshot all = snapshots.forCluster(cluster.id());
    java.util.function.Predicate<String> eligible;
    if (requested != null) {
      Node node = nodes.get(requested)
          .orElseThrow(() -> ApiException.invalid("nodeId", "unknown node '" + requested + "'"));
      if (node.id().equals(source)) {
        throw ApiException.invalid("nodeId", "the VM already runs on node " + source + "; choose another node");
      }
      if (!cluster.id().equals(node.clusterId())) {
        throw ApiException.invalid("nodeId", "node " + node.id() + " is in cluster " + node.clusterId()
            + ", not the VM's cluster " + cluster.id() + "; live migration stays within a cluster");
      }
      if (node.schedulingStatus() == NodeSchedulingStatus.ENTERING_MAINTENANCE
          || node.schedulingStatus() == NodeSchedulingStatus.MAINTENANCE) {
        throw ApiException.invalid("nodeId", "node " + node.id() + " is " + node.schedulingStatus()
            + " (takes no VMs)");
      }
      if (node.locked()) {
        throw ApiException.invalid("nodeId", "node " + node.id() + " is locked (takes no new VMs)");
      }
      if (node.state() != NodeState.CONNECTED) {
        throw ApiException.invalid("nodeId", "node " + node.id() + " is " + node.state() + ", not CONNECTED");
      }
      eligible = id -> id.equals(requested);
      // vm operations: a HOST_PASSTHROUGH VM moves live only to a node with the same CPU (ADR 0024)
      String refusal = CpuModeRules.liveMigrationRefusal(vm.vm().cpuMode(), nodes.get(source).orElse(null), node);
      if (refusal != null) {
        throw ApiException.invalid("nodeId", refusal);
      }
    } else {
      eligible = id -> !id.equals(source);
    }
    if (requested == null && vm.vm().cpuMode() == dev.vireo.api.model.CpuMode.HOST_PASSTHROUGH) {
      Node from = nodes.get(source).orElse(null);
      java.util.function.Predicate<String> others = eligible;
      eligible = id -> others.test(id) && nodes.get(id)
          .map(n -> CpuModeRules.liveMigrationRefusal(vm.vm().cpuMode(), from, n) == null).orElse(false);
      if (all.nodes().stream().noneMatch(n -> others.test(n.id()) && nodes.get(n.id())
          .map(d -> CpuModeRules.liveMigrationRefusal(vm.vm().cpuMode(), from, d) == null).orElse(false))) {
        throw ApiException.invalid("nodeId", "no other node of cluster " + cluster.id() + " reports the same CPU as"
            + " node " + source + " ('" + (from == null ? "?" : from.cpuModel()) + "'); the VM's cpuMode is"
            + " HOST_PASSTHROUGH, which migrates live only between nodes with the same CPU");
      }
    }
    java.util.function.Predicate<String> admitted = eligible;
    ClusterSnapshot candidates = ClusterSnapshot.of(all.nodes().stream().filter(n -> admitted.test(n.id())).toList());
    // the source is not a candidate: its members of the VM's groups (the VM itself, a companion that
    // moves next) do not count, so a hard-affinity group can leave a node one VM after another
    PlacementRequest request = GroupRules.apply(PlacementRequest.of(vm.id(), cluster.id(),
        InventorySnapshots.arch(cluster), vm.vm().cpu(), vm.vm().memoryGiB()), groups.ofVm(vm.id()));
    PlacementDecision decision = placements.place(request, () -> candidates);
    return decision.nodeId().orElseThrow(() -> ApiException.invalid("nodeId", requested == null
        ? "no other node of cluster " + cluster.id() + " can take the VM: " + decision.failure()
        : "node " + requested + " cannot take the VM: " + decision.failure()));
  }

  public void release(String vmId) {
    placements.release(vmId);
  }

  @Override
  public java.util.List<Step<Context>> steps() {
    return java.util.List.of(
        // the destination must carry the VM's networks before QEMU arrives there (ports are re-created by libvirt)
        Step.of("Ensure the VM's networks on the destination", c -> host.ensureNetworks(c.destinationNodeId(),
            vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone")))),
        Step.of("Live-migrate", c -> {
          MigrationReply reply = host.call(c.sourceNodeId(),
              new MigrateVmCommand(c.vmId(), host.libvirtUri(c.destinationNodeId()), null), MigrationReply.class,
              MIGRATION_TIMEOUT);
          if (reply.destinationState() != DomainPowerState.RUNNING
              && reply.destinationState() != DomainPowerState.PAUSED) {
            throw new JobFailedException("after the migration the destination reports " + reply.destinationState());
          }
          measured.put(c.vmId(), reply);
          host.leftNode(c.sourceNodeId(), c.vmId());
        }));
  }

  @Override
  public void onSuccess(Context c) {
    placements.release(c.vmId());
    vms.setNodeAndState(c.vmId(), c.destinationNodeId(), VmState.RUNNING, null);
    events.publish("vm", c.vmId(), VmState.RUNNING.name());
    MigrationReply m = measured.remove(c.vmId());
    LOG.info("VM {} migrated from {} to {}: {}", c.vmId(), c.sourceNodeId(), c.destinationNodeId(), m == null
        ? "measurements lost (server restarted)" : m.alreadyDone() ? "it was there already"
        : "total " + m.totalMillis() + " ms, downtime " + m.downtimeMillis() + " ms, " + m.dataBytes() + " bytes");
    if (m != null && !m.alreadyDone()) {
      try {
        events.publish("migration", c.vmId(), report(m));
      } catch (RuntimeException e) {
        LOG.warn("cannot publish the migration report of {}: {}", c.vmId(), e.getMessage());
      }
    }
  }

  /**
   * The measurements in an event's state (at most 32 characters): {@code t=<total ms> d=<downtime
   * ms> b=<MiB moved>M}, {@code ?} for what libvirt did not report.
   */
  static String report(MigrationReply m) {
    String s = "t=" + m.totalMillis() + " d=" + (m.downtimeMillis() == null ? "?" : m.downtimeMillis())
        + " b=" + (m.dataBytes() == null ? "?" : (m.dataBytes() + (1 << 19)) >> 20) + "M";
    return s.length() <= 32 ? s : s.substring(0, 32);
  }

  /** Records where the domain really is: running on either end wins, then defined, else unknown. */
  @Override
  public void onFailure(Context c, String reason) {
    placements.release(c.vmId());
    measured.remove(c.vmId());
    DomainPowerState src = ask(c.sourceNodeId(), c.vmId());
    DomainPowerState dst = ask(c.destinationNodeId(), c.vmId());
    String why = "migrate failed: " + reason;
    String node;
    VmState truth;
    if (running(dst)) {
      node = c.destinationNodeId();
      truth = VmState.RUNNING;
    } else if (running(src)) {
      node = c.sourceNodeId();
      truth = VmState.RUNNING;
    } else if (src == null || dst == null) {
      // One end did not answer: record the VM where it most likely is, as UNKNOWN; heartbeats settle it.
      node = src == DomainPowerState.ABSENT ? c.destinationNodeId() : c.sourceNodeId();
      truth = VmState.UNKNOWN;
    } else if (src == DomainPowerState.ABSENT && dst != DomainPowerState.ABSENT) {
      node = c.destinationNodeId();
      truth = VmState.STOPPED;
    } else {
      node = c.sourceNodeId();
      truth = VmState.STOPPED;
    }
    LOG.info("migration of {} failed; source reports {}, destination {}: recorded {} on {}", c.vmId(), src, dst,
        truth, node);
    vms.setNodeAndState(c.vmId(), node, truth, truth == VmState.RUNNING ? why + " (the VM runs on " + node + ")" : why);
    events.publish("vm", c.vmId(), truth.name());
  }

  private static boolean running(DomainPowerState s) {
    return s != null && StateReconciler.observed(s) == VmState.RUNNING;
  }

  private DomainPowerState ask(String nodeId, String vmId) {
    try {
      return host.query(nodeId, vmId);
    } catch (JobFailedException | RuntimeException e) {
      LOG.info("cannot ask node {} about {}: {}", nodeId, vmId, e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
