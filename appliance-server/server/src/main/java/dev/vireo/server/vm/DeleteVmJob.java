package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DeleteVmFilesCommand;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.UndefineVmCommand;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.network.Ipam;
import dev.vireo.server.job.Step;
import java.util.List;

/** Deletes a VM: power off and undefine the domain, remove its disk and files, keep the row as DELETED. */
public final class DeleteVmJob implements JobType<DeleteVmJob.Context> {
  /**
   * The VM to delete, the state it had (restored if deletion fails) and whether its data disks go
   * with it (null or false: they are detached and stay AVAILABLE).
   */
  public record Context(String vmId, VmState previous, Boolean deleteDisks) {}

  private final VmStore vms;
  private final VmHost host;
  private final EventBus events;
  private final VmStateChange state;
  private final Ipam ipam;

  public DeleteVmJob(VmStore vms, VmHost host, EventBus events, Ipam ipam) {
    this.ipam = ipam;
    this.vms = vms;
    this.host = host;
    this.events = events;
    this.state = new VmStateChange(vms, events);
  }

  @Override
  public String name() {
    return "DELETE_VM";
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
    return List.of(
        Step.of("Undefine domain", c -> {
          if (vm(c).nodeId() != null) {
            host.call(vm(c), new UndefineVmCommand(c.vmId()), DoneReply.class);
            host.leftNode(vm(c).nodeId(), c.vmId());
          }
        }),
        Step.of("Delete disk and files", c -> {
          DeleteVmFilesCommand delete = new DeleteVmFilesCommand(c.vmId(), host.dir(c.vmId()).toString());
          // a system disk moved to another storage cluster (ADR 0028): its directory there too
          java.nio.file.Path moved = host.systemDiskPath(vm(c)).getParent();
          DeleteVmFilesCommand deleteMoved = moved.equals(host.dir(c.vmId())) ? null
              : new DeleteVmFilesCommand(c.vmId(), moved.toString());
          if (vm(c).nodeId() != null) {
            host.call(vm(c), delete, DoneReply.class);
            if (deleteMoved != null) {
              host.call(vm(c), deleteMoved, DoneReply.class);
            }
          } else {
            // Not placed (never, or moved by an offline migration): its files, if any, are in the
            // shared storage, which every connected node of its cluster reaches.
            var any = host.anyConnectedNode(vm(c).vm().clusterId());
            if (any.isPresent()) {
              host.call(any.get(), delete, DoneReply.class, java.time.Duration.ofMinutes(2));
              if (deleteMoved != null) {
                host.call(any.get(), deleteMoved, DoneReply.class, java.time.Duration.ofMinutes(2));
              }
            }
          }
        }),
        // after the undefine: no domain holds the data disks any more (ADR 0021)
        Step.of("Release or delete data disks", c -> host.dataDisks().vmDeleted(c.vmId(),
            Boolean.TRUE.equals(c.deleteDisks()))));
  }

  @Override
  public void onSuccess(Context c) {
    ipam.release(c.vmId());
    if (host.gpus() != null) {
      host.gpus().forget(c.vmId()); // devices (ADR 0027): its GPUs are free again
    }
    if (host.usb() != null) {
      host.usb().deleteOfVm(c.vmId()); // and its USB device records go
    }
    state.to(c.vmId(), VmState.DELETED, null);
  }

  @Override
  public void onFailure(Context c, String reason) {
    state.to(c.vmId(), VmState.FAILED, "delete failed: " + reason);
  }
}
