package dev.vireo.server.systemdisk;

import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.ExportSystemDiskCommand;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateImageFromVmRequest;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.image.ImageFiles;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/vms/{id}/image {name, description}}: a custom image made from a STOPPED VM's
 * system disk (white paper 4.2.4.2). The copy is flattened: it needs no base image and carries no
 * snapshots, so it outlives the VM and its image. The job runs on the VM's queue (a start waits
 * for the copy); the answer names the new image.
 */
public final class ImageFromVmRoutes {
  /** A system disk copy may take a while on a big disk. */
  private static final Duration COPY_TIMEOUT = Duration.ofHours(2);

  private final VmStore vms;
  private final ImageStore images;
  private final VmHost host;
  private final Path imageDir;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final CreateImageFromVmJob job;

  public ImageFromVmRoutes(VmStore vms, ImageStore images, VmHost host, Path storageRoot, Submission submission,
      IdempotencyKeys idempotency, EventBus events) {
    this.vms = vms;
    this.images = images;
    this.host = host;
    this.imageDir = storageRoot.toAbsolutePath().resolve("images");
    this.submission = submission;
    this.idempotency = idempotency;
    this.job = new CreateImageFromVmJob(vms, images, host, events);
  }

  public JobType<?> jobType() {
    return job;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/vms/{id}/image", Access.USER, this::create);
  }

  private Response create(Request r) {
    String id = r.path("id");
    VmRecord vm = vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
    if (r.body().length == 0) {
      throw ApiException.invalid("name", "is required (the new image's name)");
    }
    CreateImageFromVmRequest req = r.json(CreateImageFromVmRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    OsType os = OsFamily.of(vm, images);
    String imageId = Ids.next("img");
    Image image = new Image(imageId, name, req.description() == null ? "made from VM " + vm.vm().name() + " ("
        + vm.id() + ")" : req.description(), ImageFormat.QCOW2, os, vm.bootMode(), ImageKind.CUSTOM,
        ImageState.IMPORTING, 0, 0, null, Instant.now());
    Accepted a = idempotency.create(r, h -> {
      VmState now = vms.lockState(h, vm.id());
      if (now != VmState.STOPPED) {
        throw ApiException.conflict("VM " + vm.id() + " is " + now + "; an image is made from a STOPPED VM (stop it"
            + " first, so the copy is consistent)");
      }
      if (images.nameTaken(name)) {
        throw ApiException.conflict("an image named '" + name + "' already exists");
      }
      images.insert(h, image, "vm:" + vm.id(), imageDir.resolve(imageId + ".qcow2").toString());
      Accepted queued = submission.job(h, job, new CreateImageFromVmJob.Context(vm.id(), imageId), "vm", vm.id());
      return new Accepted(queued.jobId(), "image", imageId);
    });
    return Response.accepted(a);
  }

  /** Copies the system disk on a node that reaches it into the image store, then records the image. */
  static final class CreateImageFromVmJob implements JobType<CreateImageFromVmJob.Context> {
    /** The VM and the image made from it. */
    public record Context(String vmId, String imageId) {}

    private final VmStore vms;
    private final ImageStore images;
    private final VmHost host;
    private final EventBus events;

    CreateImageFromVmJob(VmStore vms, ImageStore images, VmHost host, EventBus events) {
      this.vms = vms;
      this.images = images;
      this.host = host;
      this.events = events;
    }

    @Override
    public String name() {
      return "CREATE_IMAGE_FROM_VM";
    }

    @Override
    public Class<Context> contextType() {
      return Context.class;
    }

    @Override
    public List<Step<Context>> steps() {
      return List.of(
          Step.of("Copy the system disk", c -> {
            VmRecord r = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
            if (r.state() != VmState.STOPPED) {
              throw new JobFailedException("VM " + r.id() + " is " + r.state() + ", not STOPPED");
            }
            ExportSystemDiskCommand command = new ExportSystemDiskCommand(r.id(), host.systemDiskPath(r).toString(),
                images.path(c.imageId()));
            host.call(OsFamily.nodeReaching(host, r), command, DiskReply.class, COPY_TIMEOUT);
          }, c -> Files.deleteIfExists(Path.of(images.path(c.imageId())))),
          Step.of("Mark available", c -> ImageFiles.markAvailable(images, c.imageId(), false)));
    }

    @Override
    public void onSuccess(Context c) {
      events.publish("image", c.imageId(), ImageState.AVAILABLE.name());
    }

    @Override
    public void onFailure(Context c, String reason) {
      images.setState(c.imageId(), ImageState.FAILED);
      events.publish("image", c.imageId(), ImageState.FAILED.name());
    }
  }
}
