package dev.vireo.server.vm;

import dev.vireo.agent.protocol.CreateSystemDiskCommand;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DeleteVmFilesCommand;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.UndefineVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.group.GroupRules;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.scheduler.PlacementDecision;
import dev.vireo.server.scheduler.PlacementRequest;
import dev.vireo.server.scheduler.PlacementReservations;
import java.util.List;

/** Creates a VM: place it, create its system disk overlay, define the domain, start it. */
public final class CreateVmJob implements JobType<CreateVmJob.Context> {
  /** The VM being created and whether to start it. */
  public record Context(String vmId, boolean start) {}

  private final VmStore vms;
  private final ImageStore images;
  private final ClusterStore clusters;
  private final InventorySnapshots snapshots;
  private final VmHost host;
  private final PlacementReservations placements;
  private final EventBus events;
  private final VmStateChange state;
  private final GroupStore groups;

  public CreateVmJob(VmStore vms, ImageStore images, ClusterStore clusters, GroupStore groups,
      InventorySnapshots snapshots, VmHost host, PlacementReservations placements, EventBus events) {
    this.groups = groups;
    this.vms = vms;
    this.images = images;
    this.clusters = clusters;
    this.snapshots = snapshots;
    this.host = host;
    this.placements = placements;
    this.events = events;
    this.state = new VmStateChange(vms, events);
  }

  @Override
  public String name() {
    return "CREATE_VM";
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
        Step.of("Place on a node", c -> {
          if (vm(c).nodeId() == null) {
            place(vm(c));
          }
        }),
        Step.of("Create system disk", c -> {
          VmRecord r = vm(c);
          host.call(r, new CreateSystemDiskCommand(r.id(), images.path(r.vm().imageId()),
              host.definition(r).systemDiskPath(), r.vm().systemDiskGiB()), DiskReply.class);
        }, c -> host.call(vm(c), new DeleteVmFilesCommand(c.vmId(), host.dir(c.vmId()).toString()), DoneReply.class)),
        Step.of("Define domain", c -> host.call(vm(c), new DefineVmCommand(host.definition(vm(c))), VmStateReply.class),
            c -> host.call(vm(c), new UndefineVmCommand(c.vmId()), DoneReply.class)),
        Step.of("Start", c -> {
          if (c.start()) {
            state.to(c.vmId(), VmState.STARTING, null);
            host.call(vm(c), new StartVmCommand(c.vmId()), VmStateReply.class);
          }
        }));
  }

  /** Chooses the node with the scheduler; the reservation holds its capacity until the VM is recorded on it. */
  private void place(VmRecord r) throws JobFailedException {
    String clusterId = r.vm().clusterId();
    String arch = InventorySnapshots.arch(clusters.get(clusterId)
        .orElseThrow(() -> new JobFailedException("cluster " + clusterId + " no longer exists")));
    // the VM's isolation groups as they are now (a node group's nodes may have changed since the create)
    PlacementRequest request = GroupRules.apply(
        PlacementRequest.of(r.id(), clusterId, arch, r.vm().cpu(), r.vm().memoryGiB()), groups.ofVm(r.id()));
    try {
      PlacementDecision decision = placements.place(request, () -> snapshots.forCluster(clusterId));
      String nodeId = decision.nodeId()
          .orElseThrow(() -> new JobFailedException("cannot place the VM: " + decision.failure()));
      vms.setNode(r.id(), nodeId);
    } finally {
      placements.release(r.id());
    }
  }

  @Override
  public void onSuccess(Context c) {
    VmState s = c.start() ? VmState.RUNNING : VmState.STOPPED;
    state.to(c.vmId(), s, null);
  }

  @Override
  public void onFailure(Context c, String reason) {
    state.to(c.vmId(), VmState.FAILED, "create failed: " + reason);
  }
}
