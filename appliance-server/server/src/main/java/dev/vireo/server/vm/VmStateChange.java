package dev.vireo.server.vm;

import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;

/** Sets a VM's state and announces it on the event stream, so no state change goes unannounced. */
final class VmStateChange {
  private final VmStore vms;
  private final EventBus events;

  VmStateChange(VmStore vms, EventBus events) {
    this.vms = vms;
    this.events = events;
  }

  void to(String vmId, VmState state, String reason) {
    vms.setState(vmId, state, reason);
    events.publish("vm", vmId, state.name());
  }
}
