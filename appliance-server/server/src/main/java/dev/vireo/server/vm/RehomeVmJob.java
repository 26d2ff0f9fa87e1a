package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.scheduler.PlacementReservations;
import java.time.Duration;
import java.util.List;

/**
 * Moves a stopped VM to another node of its cluster: its domain is defined on the destination and
 * forgotten on the source (undefined <em>keeping</em> its NVRAM and disks, which live in the shared
 * storage). Nothing runs and nothing is copied; the VM starts on its new node next time. Used when
 * a node enters maintenance (ADR 0011). The destination's capacity stays reserved until the job ends.
 */
public final class RehomeVmJob implements JobType<RehomeVmJob.Context> {
  private static final Duration AGENT_TIMEOUT = Duration.ofMinutes(2);

  /** The VM, the node that holds its definition and the node that takes it. */
  public record Context(String vmId, String sourceNodeId, String destinationNodeId) {}

  private final VmStore vms;
  private final VmHost host;
  private final PlacementReservations placements;
  private final EventBus events;

  public RehomeVmJob(VmStore vms, VmHost host, PlacementReservations placements, EventBus events) {
    this.vms = vms;
    this.host = host;
    this.placements = placements;
    this.events = events;
  }

  @Override
  public String name() {
    return "REHOME_VM";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Define on the new node", c -> {
          VmRecord r = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
          DomainPowerState there = host.query(c.sourceNodeId(), c.vmId());
          if (there == DomainPowerState.RUNNING || there == DomainPowerState.PAUSED) {
            throw new JobFailedException("VM " + c.vmId() + " runs on " + c.sourceNodeId()
                + "; only a stopped VM's definition moves (a running one migrates live)");
          }
          host.ensureNetworks(c.destinationNodeId(), r);
          host.call(c.destinationNodeId(), new DefineVmCommand(host.definition(r)), VmStateReply.class, AGENT_TIMEOUT);
        }, c -> host.call(c.destinationNodeId(), new ForgetDomainCommand(c.vmId()), DoneReply.class, AGENT_TIMEOUT)),
        Step.of("Forget on the old node", c -> {
          host.call(c.sourceNodeId(), new ForgetDomainCommand(c.vmId()), DoneReply.class, AGENT_TIMEOUT);
          host.leftNode(c.sourceNodeId(), c.vmId());
        }));
  }

  @Override
  public void onSuccess(Context c) {
    placements.release(c.vmId());
    vms.setNode(c.vmId(), c.destinationNodeId());
    events.publish("vm", c.vmId(), vms.get(c.vmId()).map(v -> v.state().name()).orElse("?"));
  }

  @Override
  public void onFailure(Context c, String reason) {
    placements.release(c.vmId());
  }
}
