package dev.vireo.server.ha;

import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.VmState;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStateChange;
import dev.vireo.server.vm.VmStore;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to the VMs of a node declared failed: first a grace period in which the node,
 * if it is alive but cut off, has fenced itself (persisted deadline: a server restart does not
 * shorten it); then every VM that was running with HA mode NEVER_STOP gets an HA restart job,
 * every other VM is marked STOPPED and loses its node (the next start places it anew). A node
 * that is heard again within the grace period without having fenced keeps its VMs.
 */
public final class NodeFailoverJob implements JobType<NodeFailoverJob.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeFailoverJob.class);
  /** A VM in one of these states was meant to run when contact was lost. */
  static final Set<VmState> WAS_RUNNING = EnumSet.of(VmState.RUNNING, VmState.STARTING, VmState.REBOOTING,
      VmState.MIGRATING);
  /** States that belong to their jobs (which fail fast when the node is lost); left alone. */
  private static final Set<VmState> NOT_OURS = EnumSet.of(VmState.CREATING, VmState.DELETING, VmState.DELETED,
      VmState.FAILED);

  /** The failed node, its name for messages, when it was declared down and when the grace ends (epoch ms). */
  public record Context(String nodeId, String hostname, long downAtEpochMilli, long notBeforeEpochMilli) {}

  private final VmStore vms;
  private final NodeStore nodes;
  private final PeerReports reports;
  private final VmStateChange state;
  private final BiConsumer<String, String> restart;

  /** {@code restart} submits an HA restart job for (vmId, failedNodeId). */
  public NodeFailoverJob(VmStore vms, NodeStore nodes, PeerReports reports, VmStateChange state,
      BiConsumer<String, String> restart) {
    this.vms = vms;
    this.nodes = nodes;
    this.reports = reports;
    this.state = state;
    this.restart = restart;
  }

  @Override
  public String name() {
    return "NODE_FAILOVER";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Give the node time to fence itself", c -> {
          long wait = c.notBeforeEpochMilli() - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait);
          }
        }),
        Step.of("Restart never-stop VMs elsewhere, stop the others", this::failover));
  }

  private void failover(Context c) {
    if (backUnfenced(c)) {
      LOG.warn("HA: node {} answered again within the grace period without fencing; its VMs stay", c.hostname());
      nodes.markUp(c.nodeId());
      return;
    }
    for (VmRecord vm : vms.onNode(c.nodeId())) {
      if (NOT_OURS.contains(vm.state())) {
        continue;
      }
      if (vm.state() == VmState.SUSPENDED) {
        // its memory is on the shared storage: the resume places it on another node and restores it there
        state.toOnNode(vm.id(), null, VmState.SUSPENDED, "node " + c.hostname() + " failed while the VM was"
            + " suspended; the resume restores it on another node");
        continue;
      }
      boolean wasRunning = WAS_RUNNING.contains(vms.lastKnownState(vm.id()).orElse(vm.state()));
      if (wasRunning && vm.vm().haMode() == HaMode.NEVER_STOP) {
        restart.accept(vm.id(), c.nodeId());
      } else {
        String reason = wasRunning
            ? "node " + c.hostname() + " failed; HA mode NONE: not restarted (a start places it on another node)"
            : "node " + c.hostname() + " failed; the next start places the VM on another node";
        state.toOnNode(vm.id(), null, VmState.STOPPED, reason);
      }
    }
  }

  /** Heard after it was declared down, and it did not say it fenced: it was never really gone. */
  private boolean backUnfenced(Context c) {
    Instant declared = Instant.ofEpochMilli(c.downAtEpochMilli());
    return nodes.liveness().stream().filter(n -> n.id().equals(c.nodeId())).findFirst()
        .map(n -> n.lastHeartbeatAt() != null && n.lastHeartbeatAt().isAfter(declared)
            && reports.fencedAt(c.nodeId()).isEmpty())
        .orElse(false);
  }
}
