package dev.vireo.server.vm;

import dev.vireo.agent.protocol.AdoptVolumeCommand;
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
import dev.vireo.server.job.JobType;
import dev.vireo.server.network.Ipam;
import dev.vireo.server.job.Step;
import java.util.List;

/** Creates a VM: place it, create its system disk overlay, make its node carry its networks, define the domain, start it. */
public final class CreateVmJob implements JobType<CreateVmJob.Context> {
  /**
   * The VM being created and whether to start it; {@code bootDiskId} and {@code bootDiskPath}: the
   * data disk whose volume becomes its system disk (C5, ADR 0029), null when it comes from an image.
   */
  public record Context(String vmId, boolean start, String bootDiskId, String bootDiskPath) {
    public Context(String vmId, boolean start) {
      this(vmId, start, null, null);
    }
  }

  private final VmStore vms;
  private final ImageStore images;
  private final VmPlacer placer;
  private final VmHost host;
  private final VmStateChange state;
  private final Ipam ipam;

  public CreateVmJob(VmStore vms, ImageStore images, VmPlacer placer, VmHost host, EventBus events, Ipam ipam) {
    this.ipam = ipam;
    this.vms = vms;
    this.images = images;
    this.placer = placer;
    this.host = host;
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
            placer.place(vm(c));
          }
        }),
        // devices (ADR 0027): take the GPUs on the chosen node, all or none
        Step.of("Assign GPUs", c -> assignGpus(vm(c)), c -> {
          if (host.gpus() != null) {
            host.gpus().release(c.vmId());
          }
        }),
        Step.of("Create system disk", c -> {
          VmRecord r = vm(c);
          String disk = host.systemDiskPath(r).toString();
          if (c.bootDiskId() != null) { // its volume is moved, not copied: the same storage (ADR 0029)
            host.call(r, new AdoptVolumeCommand(c.bootDiskPath(), disk, (long) r.vm().systemDiskGiB() << 30),
                DiskReply.class);
          } else {
            // an ISO install (ADR 0029) starts on a blank disk: no image under it
            String base = r.vm().cdromImageId() != null ? null : images.path(r.vm().imageId());
            host.call(r, new CreateSystemDiskCommand(r.id(), base, disk, r.vm().systemDiskGiB()), DiskReply.class);
          }
        }, c -> {
          if (c.bootDiskId() != null) {
            host.call(vm(c), new AdoptVolumeCommand(host.systemDiskPath(vm(c)).toString(), c.bootDiskPath(), 0),
                DiskReply.class);
          }
          host.call(vm(c), new DeleteVmFilesCommand(c.vmId(), host.dir(c.vmId()).toString()), DoneReply.class);
        }),
        Step.of("Ensure the VM's networks on its node", c -> host.ensureNetworks(vm(c))),
        Step.of("Define domain", c -> {
          var definition = host.definition(vm(c));
          host.call(vm(c), new DefineVmCommand(definition), VmStateReply.class);
          vms.setMaxCpu(c.vmId(), definition.vcpuMaximum()); // vm operations: the hot-upgrade ceiling
        }, c -> host.call(vm(c), new UndefineVmCommand(c.vmId()), DoneReply.class)),
        Step.of("Start", c -> {
          if (c.start()) {
            state.to(c.vmId(), VmState.STARTING, null);
            host.call(vm(c), new StartVmCommand(c.vmId()), VmStateReply.class);
          }
        }));
  }

  /** Assigns the VM's requested GPUs on its node: the job fails naming the node when too few are free. */
  private void assignGpus(VmRecord r) throws dev.vireo.server.job.JobFailedException {
    int wanted = host.gpus() == null ? 0 : host.gpus().requested(r.id());
    if (wanted == 0) {
      return;
    }
    if (host.gpus().assign(r.id(), r.nodeId(), wanted).isEmpty()) {
      throw new dev.vireo.server.job.JobFailedException("node " + r.nodeId() + " no longer has " + wanted
          + " free GPU for the VM");
    }
  }

  @Override
  public void onSuccess(Context c) {
    if (c.bootDiskId() != null) {
      host.bootDisks().consumed(c.bootDiskId(), c.vmId());
    }
    VmState s = c.start() ? VmState.RUNNING : VmState.STOPPED;
    state.to(c.vmId(), s, null);
  }

  @Override
  public void onFailure(Context c, String reason) {
    if (c.bootDiskId() != null) {
      host.bootDisks().released(c.bootDiskId()); // its volume was moved back by the rollback
    }
    ipam.release(c.vmId()); // a FAILED create holds no addresses or MACs (white paper 4.2.8)
    if (host.gpus() != null) {
      host.gpus().release(c.vmId()); // nor GPUs (ADR 0027)
    }
    state.to(c.vmId(), VmState.FAILED, "create failed: " + reason);
  }
}
