package dev.vireo.server.vm;

import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;

/** Sets a VM's state and announces it on the event stream, so no state change goes unannounced. */
public final class VmStateChange {
  private final VmStore vms;
  private final EventBus events;

  public VmStateChange(VmStore vms, EventBus events) {
    this.vms = vms;
    this.events = events;
  }

  public void to(String vmId, VmState state, String reason) {
    vms.setState(vmId, state, reason);
    events.publish("vm", vmId, state.name());
  }

  /** The VM in a state on a node (null: on none), in one update. */
  public void toOnNode(String vmId, String nodeId, VmState state, String reason) {
    vms.setNodeAndState(vmId, nodeId, state, reason);
    events.publish("vm", vmId, state.name());
  }
}
