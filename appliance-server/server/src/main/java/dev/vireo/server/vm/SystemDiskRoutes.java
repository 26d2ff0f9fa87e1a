package dev.vireo.server.vm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.ResizeSystemDiskCommand;
import dev.vireo.api.model.ResizeSystemDiskRequest;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Json;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Growing a VM's system disk after create (features.md C4: "can be enlarged at create time and
 * later"; ADR 0026): {@code POST /api/v1/vms/{id}/system-disk/resize {sizeGiB}} → RESIZE_SYSTEM_DISK
 * on the VM's queue: online (blockresize of vda) when it runs, offline (qemu-img resize of the
 * overlay, never its base image) when stopped. Never shrinks: 422 naming {@code sizeGiB}.
 */
public final class SystemDiskRoutes {
  private final VmStore vms;
  private final VmHost host;
  private final Submission submission;
  private final ResizeSystemDiskJob job;

  public SystemDiskRoutes(VmStore vms, VmHost host, Submission submission, EventBus events) {
    this.vms = vms;
    this.host = host;
    this.submission = submission;
    this.job = new ResizeSystemDiskJob(vms, host, events);
  }

  public JobType<?> jobType() {
    return job;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/vms/{id}/system-disk/resize", Access.USER, this::resize);
  }

  /** 422 naming {@code sizeGiB}: missing, not whole, not larger than now, above the maximum. */
  static int growth(JsonNode body, Integer sizeGiB, int currentGiB) {
    JsonNode raw = body == null ? null : body.get("sizeGiB");
    if (sizeGiB == null || raw == null || raw.isNull()) {
      throw ApiException.invalid("sizeGiB", "is required (whole GiB, more than the current " + currentGiB + " GiB, at"
          + " most " + VmRoutes.MAX_SYSTEM_DISK_GIB + ")");
    }
    if (!raw.isIntegralNumber()) {
      throw ApiException.invalid("sizeGiB", "must be a whole number of GiB (step 1 GiB), got " + raw);
    }
    if (sizeGiB < currentGiB) {
      throw ApiException.invalid("sizeGiB", "system disks never shrink: the disk has " + currentGiB + " GiB, "
          + sizeGiB + " GiB would lose data");
    }
    if (sizeGiB == currentGiB) {
      throw ApiException.invalid("sizeGiB", "the system disk already has " + currentGiB + " GiB; give a larger size");
    }
    if (sizeGiB > VmRoutes.MAX_SYSTEM_DISK_GIB) {
      throw ApiException.invalid("sizeGiB", "must be at most " + VmRoutes.MAX_SYSTEM_DISK_GIB + " GiB (got " + sizeGiB
          + ")");
    }
    return sizeGiB;
  }

  private Response resize(Request r) {
    String id = r.path("id");
    VmRecord vm = vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
    ResizeSystemDiskRequest req = r.json(ResizeSystemDiskRequest.class);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    int size = growth(body, req.sizeGiB(), vm.vm().systemDiskGiB());
    return Response.accepted(submission.submit(h -> {
      VmRecord now = vms.get(vm.id()).orElseThrow(() -> ApiException.notFound("VM", vm.id()));
      if (now.state() != VmState.RUNNING && now.state() != VmState.STOPPED) {
        throw ApiException.conflict("cannot grow the system disk of VM " + vm.id() + " while it is " + now.state()
            + "; it must be RUNNING or STOPPED");
      }
      if (now.vm().systemDiskGiB() != vm.vm().systemDiskGiB()) {
        throw ApiException.conflict("the system disk of VM " + vm.id() + " was resized meanwhile to "
            + now.vm().systemDiskGiB() + " GiB");
      }
      return submission.job(h, job, new ResizeSystemDiskJob.Context(vm.id(), now.vm().systemDiskGiB(), size), "vm",
          vm.id());
    }));
  }

  /** Grows the overlay on the VM's node (or any node of its cluster when it is on none), then records the size. */
  static final class ResizeSystemDiskJob implements JobType<ResizeSystemDiskJob.Context> {
    /** The VM and its system disk's size before and after. */
    public record Context(String vmId, int fromGiB, int toGiB) {}

    private final VmStore vms;
    private final VmHost host;
    private final EventBus events;

    ResizeSystemDiskJob(VmStore vms, VmHost host, EventBus events) {
      this.vms = vms;
      this.host = host;
      this.events = events;
    }

    @Override
    public String name() {
      return "RESIZE_SYSTEM_DISK";
    }

    @Override
    public Class<Context> contextType() {
      return Context.class;
    }

    @Override
    public List<Step<Context>> steps() {
      return List.of(Step.of("Grow the system disk", c -> {
        VmRecord r = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " no longer exists"));
        ResizeSystemDiskCommand command = new ResizeSystemDiskCommand(r.id(), host.definition(r).systemDiskPath(),
            (long) c.toGiB() << 30);
        if (r.nodeId() != null) {
          host.call(r, command, DiskReply.class);
        } else {
          String node = host.anyConnectedNode(r.vm().clusterId()).orElseThrow(() -> new JobFailedException(
              "no CONNECTED node of cluster " + r.vm().clusterId() + " reaches the VM's system disk"));
          host.call(node, command, DiskReply.class, Duration.ofMinutes(2));
        }
        vms.setSystemDiskGiB(c.vmId(), c.toGiB());
      }));
    }

    @Override
    public void onSuccess(Context c) {
      events.publish("vm", c.vmId(), vms.get(c.vmId()).map(v -> v.state().name()).orElse("DELETED"));
    }

    @Override
    public void onFailure(Context c, String reason) {
      events.publish("vm", c.vmId(), vms.get(c.vmId()).map(v -> v.state().name()).orElse("DELETED"));
    }
  }
}
