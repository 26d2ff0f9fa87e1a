package dev.vireo.server.node;

import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.util.List;

/** Locks or unlocks a node (white paper 5.5): placements skip a locked node, its VMs keep running. */
public final class LockNodeJob implements JobType<LockNodeJob.Context> {
  /** The node and whether it is to be locked. */
  public record Context(String nodeId, boolean lock) {}

  private final NodeStore nodes;
  private final EventBus events;
  private final boolean lock;

  public LockNodeJob(NodeStore nodes, EventBus events, boolean lock) {
    this.nodes = nodes;
    this.events = events;
    this.lock = lock;
  }

  @Override
  public String name() {
    return lock ? "LOCK_NODE" : "UNLOCK_NODE";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(Step.of(lock ? "Lock node" : "Unlock node", c -> {
      if (!nodes.setLocked(c.nodeId(), c.lock())) {
        throw new JobFailedException(c.lock() ? "node " + c.nodeId() + " no longer exists" : "node " + c.nodeId()
            + " no longer exists or entered maintenance (exit maintenance first, then unlock)");
      }
      events.publish("node", c.nodeId(), c.lock() ? "LOCKED" : "UNLOCKED");
    }));
  }
}
