package dev.vireo.server.vm;

import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.secgroup.NicFilters;
import dev.vireo.server.secgroup.NicSecurityGroups;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A NIC's security groups changed (recorded by the request, ADR 0018): a placed VM's node gets the
 * NIC's new filter, or loses its filtering when the list is empty; running or stopped alike (the
 * agent keeps a filter until the tap appears). On failure the previous groups are put back, so the
 * record says what the node enforces.
 */
public final class SetNicSecurityGroupsJob implements JobType<SetNicSecurityGroupsJob.Context> {
  /** The NIC, its MAC, its new group ids and the ones it had. */
  public record Context(String vmId, int index, String mac, List<String> securityGroups, List<String> previous) {}

  private final Jdbi jdbi;
  private final VmStore vms;
  private final NicFilters filters;
  private final EventBus events;

  public SetNicSecurityGroupsJob(Jdbi jdbi, VmStore vms, NicFilters filters, EventBus events) {
    this.jdbi = jdbi;
    this.vms = vms;
    this.filters = filters;
    this.events = events;
  }

  @Override
  public String name() {
    return "SET_NIC_SECURITY_GROUPS";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(Step.of("Apply the NIC's filter on the VM's node", c -> {
      VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
      if (vm.nodeId() != null) {
        filters.applyNic(vm.nodeId(), vm.id(), c.index(), c.mac());
      }
    }));
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("vm", c.vmId(), "UPDATED");
  }

  @Override
  public void onFailure(Context c, String reason) {
    jdbi.useTransaction(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM vm_nics WHERE vm_id = :v AND nic_index = :i").bind("v", c.vmId())
          .bind("i", c.index()).mapTo(Integer.class).one() > 0) {
        // a previous group deleted meanwhile cannot come back
        List<String> still = c.previous().stream().filter(id -> h.createQuery(
            "SELECT COUNT(*) FROM security_groups WHERE id = :g").bind("g", id).mapTo(Integer.class).one() > 0).toList();
        NicSecurityGroups.set(h, c.vmId(), c.index(), still);
        vms.nicsChanged(h);
      }
    });
  }
}
