package dev.vireo.server.ha;

import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DOWN node is heard again: the definitions it still holds of VMs that now live elsewhere (HA
 * restarts, VMs re-placed while it was down) or were deleted are removed — destroyed first if
 * they somehow run, disks and NVRAM kept, since they belong to the VM's new home — and never
 * started there. Then the node is CONNECTED again and takes placements.
 */
public final class NodeReturnJob implements JobType<NodeReturnJob.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeReturnJob.class);

  /** The returning node and the Vireo domains it reported. */
  public record Context(String nodeId, String hostname, List<String> domains) {}

  private final VmStore vms;
  private final NodeStore nodes;
  private final VmHost host;
  private final PeerReports reports;
  private final EventBus events;

  public NodeReturnJob(VmStore vms, NodeStore nodes, VmHost host, PeerReports reports, EventBus events) {
    this.vms = vms;
    this.nodes = nodes;
    this.host = host;
    this.reports = reports;
    this.events = events;
  }

  @Override
  public String name() {
    return "NODE_RETURN";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Remove definitions of VMs that moved away", c -> {
          for (String domain : c.domains()) {
            Optional<VmRecord> vm = vms.get(domain);
            if (vm.isPresent() && (vm.get().state() == VmState.DELETED || !c.nodeId().equals(vm.get().nodeId()))) {
              host.call(c.nodeId(), new ForgetDomainCommand(domain), DoneReply.class, Duration.ofSeconds(60));
              LOG.info("node {} is back: removed its stale definition of VM {} (now on {})", c.hostname(), domain,
                  vm.get().nodeId());
            }
          }
        }),
        Step.of("Back in service", c -> {
          reports.clearFencing(c.nodeId());
          if (nodes.markUp(c.nodeId())) {
            LOG.info("node {} is back in service", c.hostname());
            events.publish("node", c.nodeId(), NodeState.CONNECTED.name());
          }
        }));
  }
}
