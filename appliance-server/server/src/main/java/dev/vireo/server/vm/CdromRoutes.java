package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.EjectCdromCommand;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import java.util.List;

/**
 * The installation ISO of a VM created from an ISO (ADR 0029): {@code DELETE /api/v1/vms/{id}/cdrom}
 * ejects it (live when the VM runs, and from its definition), after which the ISO image may be
 * deleted. A drive without an ISO gives a NO_OP job.
 */
public final class CdromRoutes {
  private final VmStore vms;
  private final VmHost host;
  private final Submission submission;
  private final NoOpJob noOp;
  private final EjectCdromJob job;

  public CdromRoutes(VmStore vms, VmHost host, Submission submission, EventBus events, NoOpJob noOp) {
    this.vms = vms;
    this.host = host;
    this.submission = submission;
    this.noOp = noOp;
    this.job = new EjectCdromJob(vms, host, events);
  }

  public JobType<?> jobType() {
    return job;
  }

  public void register(ApiRouter router) {
    router.delete("/api/v1/vms/{id}/cdrom", Access.USER, this::eject);
  }

  private Response eject(Request r) {
    String id = r.path("id");
    VmRecord vm = vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
    return Response.accepted(submission.submit(h -> {
      VmState now = vms.lockState(h, vm.id());
      if (now == VmState.DELETED || now == VmState.DELETING) {
        throw ApiException.conflict("VM " + vm.id() + " is " + now);
      }
      if (vm.vm().cdromImageId() == null) {
        return submission.job(h, noOp, new NoOpJob.Context(vm.id(), "VM has no ISO in its CD-ROM drive"), "vm",
            vm.id());
      }
      return submission.job(h, job, new EjectCdromJob.Context(vm.id(), vm.vm().cdromImageId()), "vm", vm.id());
    }));
  }

  /** Ejects the ISO on the VM's node (when it has one), then forgets it. */
  static final class EjectCdromJob implements JobType<EjectCdromJob.Context> {
    /** The VM and the ISO image in its drive. */
    public record Context(String vmId, String imageId) {}

    private final VmStore vms;
    private final VmHost host;
    private final EventBus events;

    EjectCdromJob(VmStore vms, VmHost host, EventBus events) {
      this.vms = vms;
      this.host = host;
      this.events = events;
    }

    @Override
    public String name() {
      return "EJECT_CDROM";
    }

    @Override
    public Class<Context> contextType() {
      return Context.class;
    }

    @Override
    public List<Step<Context>> steps() {
      return List.of(Step.of("Eject the ISO", c -> {
        VmRecord r = vms.get(c.vmId()).orElseThrow();
        if (r.nodeId() != null) {
          host.call(r, new EjectCdromCommand(r.id()), DoneReply.class);
        }
        vms.cdromEjected(c.vmId());
      }));
    }

    @Override
    public void onSuccess(Context c) {
      events.publish("vm", c.vmId(), vms.get(c.vmId()).map(v -> v.state().name()).orElse("DELETED"));
    }

    @Override
    public void onFailure(Context c, String reason) {
      onSuccess(c);
    }
  }
}
