package dev.vireo.server.maintenance;

import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.node.NodeStore;
import java.util.List;

/**
 * Puts a LOCKED node into maintenance (white paper 5.5 (6)): the route marks it
 * ENTERING_MAINTENANCE, this job moves every VM to other nodes of its cluster and then marks it
 * MAINTENANCE. If a VM cannot be moved the job fails naming it and the rule; the VMs moved stay
 * moved and the node returns to LOCKED.
 */
public final class EnterMaintenanceJob implements JobType<EnterMaintenanceJob.Context> {
  /** The node entering maintenance. */
  public record Context(String nodeId) {}

  private final NodeStore nodes;
  private final NodeEvacuation evacuation;
  private final EventBus events;

  EnterMaintenanceJob(NodeStore nodes, NodeEvacuation evacuation, EventBus events) {
    this.nodes = nodes;
    this.evacuation = evacuation;
    this.events = events;
  }

  @Override
  public String name() {
    return "ENTER_MAINTENANCE";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Move the VMs to other nodes", c -> evacuation.evacuate(c.nodeId())),
        Step.of("Enter maintenance", c -> {
          if (!nodes.completeMaintenance(c.nodeId())) {
            throw new JobFailedException("node " + c.nodeId() + " no longer exists or left maintenance");
          }
        }));
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("node", c.nodeId(), NodeSchedulingStatus.MAINTENANCE.name());
  }

  @Override
  public void onFailure(Context c, String reason) {
    nodes.endMaintenance(c.nodeId(), NodeSchedulingStatus.ENTERING_MAINTENANCE);
    events.publish("node", c.nodeId(), NodeSchedulingStatus.LOCKED.name());
  }
}
