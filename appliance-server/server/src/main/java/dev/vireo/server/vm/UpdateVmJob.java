package dev.vireo.server.vm;

import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.HaMode;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.util.List;

/**
 * Renames a VM, changes its description (the domain title follows at the next define), its HA
 * mode (effective at once) and/or its CPU mode (the route allows it only while STOPPED; effective
 * when the domain is defined at the next start).
 */
public final class UpdateVmJob implements JobType<UpdateVmJob.Context> {
  /** New values; null leaves a field as it is. */
  public record Context(String vmId, String name, String description, HaMode haMode, CpuMode cpuMode) {}

  private final VmStore vms;
  private final EventBus events;

  public UpdateVmJob(VmStore vms, EventBus events) {
    this.vms = vms;
    this.events = events;
  }

  @Override
  public String name() {
    return "UPDATE_VM";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(Step.of("Update inventory", c -> {
      vms.rename(c.vmId(), c.name(), c.description());
      if (c.haMode() != null) {
        vms.setHaMode(c.vmId(), c.haMode());
      }
      if (c.cpuMode() != null) {
        vms.setCpuMode(c.vmId(), c.cpuMode()); // applied when the domain is next defined (its start)
      }
    }));
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("vm", c.vmId(), vms.get(c.vmId()).orElseThrow().state().name());
  }
}
