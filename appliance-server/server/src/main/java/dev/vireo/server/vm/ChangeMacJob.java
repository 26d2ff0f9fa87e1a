package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.network.Ipam;
import java.util.List;

/**
 * A stopped VM's NIC got a new MAC (white paper 4.2.15; recorded by the request): its domain is
 * defined again on its node so the next start uses it. On failure the old MAC is put back.
 */
public final class ChangeMacJob implements JobType<ChangeMacJob.Context> {
  /** The NIC, its new MAC and the one it had. */
  public record Context(String vmId, int index, String mac, String previousMac) {}

  private final VmStore vms;
  private final VmHost host;
  private final Ipam ipam;
  private final EventBus events;

  public ChangeMacJob(VmStore vms, VmHost host, Ipam ipam, EventBus events) {
    this.vms = vms;
    this.host = host;
    this.ipam = ipam;
    this.events = events;
  }

  @Override
  public String name() {
    return "CHANGE_VM_MAC";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(Step.of("Define the domain with the new MAC", c -> {
      VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
      if (vm.state() != VmState.STOPPED) { // a start queued before this job ran first
        throw new JobFailedException("VM " + c.vmId() + " is " + vm.state() + "; a MAC changes only while STOPPED");
      }
      if (vm.nodeId() != null) {
        host.call(vm, new DefineVmCommand(host.definition(vm)), VmStateReply.class);
        host.nicsChanged(vm.nodeId(), vm.id()); // a DHCP network's dnsmasq answers the new MAC (ADR 0017)
        host.macChanged(vm, c.index(), c.previousMac()); // a filtered NIC's filter follows the MAC (ADR 0018)
      }
    }));
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("vm", c.vmId(), "UPDATED");
  }

  @Override
  public void onFailure(Context c, String reason) {
    ipam.restoreMac(c.vmId(), c.index(), c.previousMac());
  }
}
