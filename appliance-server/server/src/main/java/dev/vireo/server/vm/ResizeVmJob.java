package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.SetVcpusCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.util.List;

/**
 * Changes a VM's CPU and memory (white paper 4.2.3, {@link ResizeRules}). The inventory changes
 * first and is put back if a later step fails. A STOPPED VM's domain is then redefined at the new
 * size (up or down); a RUNNING VM gets its new vCPUs hot-added, live and in its definition (under
 * TCG a hot-unplug times out, so a hot-add that succeeded is never undone: it is the last step).
 * The VM's state does not change.
 */
public final class ResizeVmJob implements JobType<ResizeVmJob.Context> {
  /** The VM, its new spec/size, what it had before (for the rollback) and whether the CPUs are hot-added. */
  public record Context(String vmId, String specId, int cpu, int memoryGiB, String previousSpecId, int previousCpu,
      int previousMemoryGiB, boolean hot) {}

  private final VmStore vms;
  private final VmHost host;
  private final EventBus events;

  public ResizeVmJob(VmStore vms, VmHost host, EventBus events) {
    this.vms = vms;
    this.host = host;
    this.events = events;
  }

  @Override
  public String name() {
    return "RESIZE_VM";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  private VmRecord vm(Context c) {
    return vms.get(c.vmId()).orElseThrow();
  }

  @Override
  public List<Step<Context>> steps() {
    Step<Context> inventory = Step.of("Update inventory", c -> vms.resize(c.vmId(), c.specId(), c.cpu(), c.memoryGiB()),
        c -> vms.resize(c.vmId(), c.previousSpecId(), c.previousCpu(), c.previousMemoryGiB()));
    Step<Context> apply = Step.of("Apply to the domain", c -> {
      VmRecord r = vm(c);
      if (r.nodeId() == null) {
        return; // not placed (offline migration): defined at its next start
      }
      if (c.hot()) {
        host.call(r, new SetVcpusCommand(c.vmId(), c.cpu()), VmStateReply.class);
      } else if (host.query(r) != DomainPowerState.RUNNING) {
        var definition = host.definition(r);
        host.call(r, new DefineVmCommand(definition), VmStateReply.class);
        vms.setMaxCpu(c.vmId(), definition.vcpuMaximum());
      }
    });
    return List.of(inventory, apply);
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("vm", c.vmId(), vm(c).state().name());
  }

  @Override
  public void onFailure(Context c, String reason) {
    events.publish("vm", c.vmId(), vm(c).state().name());
  }
}
