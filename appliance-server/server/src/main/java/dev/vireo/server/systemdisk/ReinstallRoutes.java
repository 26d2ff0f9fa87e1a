package dev.vireo.server.systemdisk;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.PowerOffVmCommand;
import dev.vireo.agent.protocol.ReinstallSystemDiskCommand;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.ReinstallVmRequest;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import dev.vireo.server.network.GuestPasswords;
import dev.vireo.server.storage.SnapshotStore;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.util.List;

/**
 * {@code POST /api/v1/vms/{id}/reinstall {image, password}} (white paper 4.2.3 "重装系统"): the VM
 * gets a new system disk from another image of its OS family (Linux only to Linux, Windows only to
 * Windows) and keeps its size, NICs, addresses and data disks. REINSTALLING while it runs; a RUNNING
 * VM is powered off first and started again after. The new overlay replaces the old disk only when
 * complete, so a failure before that leaves the VM as it was (and running again if it was).
 */
public final class ReinstallRoutes {
  private final VmStore vms;
  private final ImageStore images;
  private final SnapshotStore snapshots;
  private final Submission submission;
  private final EventBus events;
  private final ReinstallVmJob job;

  public ReinstallRoutes(VmStore vms, ImageStore images, SnapshotStore snapshots, VmHost host, Submission submission,
      EventBus events) {
    this.vms = vms;
    this.images = images;
    this.snapshots = snapshots;
    this.submission = submission;
    this.events = events;
    this.job = new ReinstallVmJob(vms, images, host, events);
  }

  public JobType<?> jobType() {
    return job;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/vms/{id}/reinstall", Access.USER, this::reinstall);
  }

  private Response reinstall(Request r) {
    String id = r.path("id");
    VmRecord vm = vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
    if (r.body().length == 0) {
      throw ApiException.invalid("image", "is required (an image id or name of the VM's OS family)");
    }
    ReinstallVmRequest req = r.json(ReinstallVmRequest.class);
    Image image = imageFor(vm, req.image());
    String passwordHash = req.password() == null ? null : GuestPasswords.hash(req.password());
    Accepted a = submission.submit(h -> {
      VmState now = vms.lockState(h, vm.id());
      if (now != VmState.RUNNING && now != VmState.STOPPED) {
        throw ApiException.conflict("cannot reinstall VM " + vm.id() + " while it is " + now
            + "; it must be RUNNING or STOPPED");
      }
      int held = snapshots.lockAndCountVm(h, vm.id());
      if (held > 0) {
        throw ApiException.conflict("the system disk of VM " + vm.id() + " has " + held + " snapshot(s); they live"
            + " inside the disk a reinstall replaces: delete them first");
      }
      vms.setState(h, vm.id(), VmState.REINSTALLING, null);
      return submission.job(h, job, new ReinstallVmJob.Context(vm.id(), image.id(), passwordHash,
          now == VmState.RUNNING), "vm", vm.id());
    });
    events.publish("vm", vm.id(), VmState.REINSTALLING.name());
    return Response.accepted(a);
  }

  /** 422 naming {@code image}: missing, unknown, not AVAILABLE, an ISO, another OS family, larger than the disk. */
  private Image imageFor(VmRecord vm, String ref) {
    if (ref == null || ref.isBlank()) {
      throw ApiException.invalid("image", "is required (an image id or name of the VM's OS family)");
    }
    Image image = images.resolve(ref.strip()).orElseThrow(() -> ApiException.invalid("image", "unknown image '"
        + ref + "'"));
    if (image.state() != ImageState.AVAILABLE) {
      throw ApiException.invalid("image", "image '" + image.name() + "' is " + image.state() + ", not AVAILABLE");
    }
    if (image.format() == ImageFormat.ISO) {
      throw ApiException.invalid("image", "'" + image.name() + "' is an ISO; a reinstall takes a disk image (an ISO"
          + " installs a new VM: POST /api/v1/vms with the ISO as image)");
    }
    OsType os = OsFamily.of(vm, images);
    if (image.osType() != os) {
      throw ApiException.invalid("image", "VM " + vm.id() + " runs " + os + "; it reinstalls only from " + os
          + " images (white paper 4.2.3), and '" + image.name() + "' is " + image.osType());
    }
    long disk = (long) vm.vm().systemDiskGiB() << 30;
    if (image.virtualSizeBytes() > disk) {
      throw ApiException.invalid("image", "image '" + image.name() + "' needs " + ((image.virtualSizeBytes()
          + (1L << 30) - 1) >> 30) + " GiB and the system disk of VM " + vm.id() + " has " + vm.vm().systemDiskGiB()
          + " GiB; grow it first (POST /api/v1/vms/{id}/system-disk/resize)");
    }
    return image;
  }

  /** Power off (if running), replace the system disk, redefine, start (if it was running). */
  static final class ReinstallVmJob implements JobType<ReinstallVmJob.Context> {
    /** The VM, the new image, the new initial password's hash (null: keep) and whether it was running. */
    public record Context(String vmId, String imageId, String passwordHash, boolean wasRunning) {}

    private final VmStore vms;
    private final ImageStore images;
    private final VmHost host;
    private final EventBus events;

    ReinstallVmJob(VmStore vms, ImageStore images, VmHost host, EventBus events) {
      this.vms = vms;
      this.images = images;
      this.host = host;
      this.events = events;
    }

    @Override
    public String name() {
      return "REINSTALL_VM";
    }

    @Override
    public Class<Context> contextType() {
      return Context.class;
    }

    private VmRecord vm(Context c) throws JobFailedException {
      return vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
    }

    @Override
    public List<Step<Context>> steps() {
      return List.of(
          Step.of("Power off", c -> {
            if (c.wasRunning()) {
              host.call(vm(c), new PowerOffVmCommand(c.vmId()), VmStateReply.class);
            }
          }, c -> {
            if (c.wasRunning()) { // the old disk is intact: the VM runs on as it was
              host.call(vm(c), new StartVmCommand(c.vmId()), VmStateReply.class);
            }
          }),
          Step.of("Replace the system disk", c -> {
            VmRecord r = vm(c);
            Image image = images.get(c.imageId()).orElseThrow(() -> new JobFailedException("image " + c.imageId()
                + " was deleted meanwhile"));
            host.call(OsFamily.nodeReaching(host, r), new ReinstallSystemDiskCommand(r.id(), images.path(image.id()),
                host.systemDiskPath(r).toString(), r.vm().systemDiskGiB()), DiskReply.class,
                java.time.Duration.ofMinutes(5));
            vms.reinstalled(r.id(), image.id(), image.bootMode());
            if (c.passwordHash() != null) {
              vms.setPasswordHash(r.id(), c.passwordHash());
            }
          }),
          Step.of("Define domain", c -> {
            VmRecord r = vm(c);
            if (r.nodeId() != null) { // the seed (password) and boot mode follow the new image
              host.call(r, new DefineVmCommand(host.definition(r)), VmStateReply.class);
            }
          }),
          Step.of("Start", c -> {
            if (c.wasRunning()) {
              VmRecord r = vm(c);
              host.ensureNetworks(r);
              host.call(r, new StartVmCommand(c.vmId()), VmStateReply.class);
            }
          }));
    }

    @Override
    public void onSuccess(Context c) {
      vms.setState(c.vmId(), c.wasRunning() ? VmState.RUNNING : VmState.STOPPED, null);
      events.publish("vm", c.vmId(), c.wasRunning() ? VmState.RUNNING.name() : VmState.STOPPED.name());
    }

    @Override
    public void onFailure(Context c, String reason) {
      VmState truth;
      try {
        VmRecord r = vm(c);
        truth = r.nodeId() == null ? VmState.STOPPED : host.query(r) == DomainPowerState.RUNNING ? VmState.RUNNING
            : VmState.STOPPED;
      } catch (JobFailedException | RuntimeException e) {
        truth = VmState.UNKNOWN;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        truth = VmState.UNKNOWN;
      }
      vms.setState(c.vmId(), truth, "reinstall failed: " + reason);
      events.publish("vm", c.vmId(), truth.name());
    }
  }
}
