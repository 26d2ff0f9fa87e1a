package dev.vireo.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DiskQos;
import dev.vireo.agent.protocol.SetDiskQosCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.SetDiskQosRequest;
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
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.io.IOException;
import java.util.List;

/**
 * A disk's I/O limits (issue 5 D3, ADR 0025): read them, set the disk's own (recorded with the job,
 * applied live by SET_DISK_QOS on the VM's node when attached to a placed VM; the old values back
 * when the job fails).
 */
public final class QosRoutes {
  /** The disk and its override before the change (null: none), to put back on failure. */
  public record QosContext(String diskId, DiskQos previous) {}

  /** The global switch's new value, whose limits (or none) every attached disk of a placed VM gets. */
  public record ReapplyContext(boolean qosEnabled) {}

  private final DiskStore disks;
  private final DiskQosPolicy policy;
  private final VmStore vms;
  private final VmHost host;
  private final StorageNodes nodes;
  private final Submission submission;

  public QosRoutes(DiskStore disks, DiskQosPolicy policy, StorageClusterStore storage, VmStore vms, VmHost host,
      Submission submission) {
    this.disks = disks;
    this.policy = policy;
    this.vms = vms;
    this.host = host;
    this.nodes = new StorageNodes(host, storage);
    this.nodes.useQos(policy);
    this.submission = submission;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/disks/{id}/qos", Access.USER, r -> Response.ok(policy.limits(disk(r))))
        .put("/api/v1/disks/{id}/qos", Access.USER, this::set);
  }

  private Disk disk(Request r) {
    String id = r.path("id");
    Disk d = disks.resolve(id).orElseThrow(() -> ApiException.notFound("disk", id));
    if (d.state() == DiskState.DELETED) {
      throw ApiException.notFound("disk", id);
    }
    return d;
  }

  private Response set(Request r) {
    Disk d = disk(r);
    r.json(SetDiskQosRequest.class);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw ApiException.badRequest("body is not JSON");
    }
    DiskQos q = DiskQosPolicy.validated(body);
    return Response.accepted(submission.submit(h -> {
      Disk now = disks.get(h, d.id()).orElseThrow(() -> ApiException.notFound("disk", d.id()));
      DiskQos previous = policy.override(h, d.id()).orElse(null);
      policy.set(h, d.id(), q);
      return submission.job(h, job(), new QosContext(d.id(), previous), now.vmId() == null ? "disk" : "vm",
          now.vmId() == null ? d.id() : now.vmId());
    }));
  }

  /** After the global switch changed: a job setting each attached disk's limits on its VM's node. */
  public dev.vireo.api.model.Accepted reapply(boolean qosEnabled) {
    return submission.submit(h -> submission.job(h, reapplyJob(), new ReapplyContext(qosEnabled), "settings",
        "disks"));
  }

  /**
   * APPLY_GLOBAL_DISK_QOS: every ATTACHED disk of a VM that has a node gets the limits the switch
   * now gives (none when off). A node that fails is named and the others still get theirs; the
   * setting stays (the VM's next definition carries the limits anyway).
   */
  public JobType<ReapplyContext> reapplyJob() {
    return DiskJobs.job("APPLY_GLOBAL_DISK_QOS", ReapplyContext.class, List.of(Step.of("Apply the limits to the"
        + " attached disks", c -> {
          List<String> failed = new java.util.ArrayList<>();
          for (Disk d : disks.list(DiskState.ATTACHED, null, null)) {
            VmRecord vm = d.vmId() == null ? null : vms.get(d.vmId()).orElse(null);
            if (vm == null || vm.nodeId() == null || d.target() == null) {
              continue;
            }
            try {
              DiskQos q = policy.enabled() ? policy.effective(d.id(), d.sizeGiB()) : null;
              host.call(vm, new SetDiskQosCommand(vm.id(), new dev.vireo.agent.protocol.DataDiskDefinition(d.id(),
                  nodes.definition(d).path(), d.target(), q)), VmStateReply.class);
            } catch (JobFailedException e) {
              failed.add(d.name() + " of VM " + vm.id() + ": " + e.getMessage());
            }
          }
          if (!failed.isEmpty()) {
            throw new JobFailedException("the limits were not applied to " + String.join("; ", failed));
          }
        })), c -> { }, (c, reason) -> { });
  }

  public JobType<QosContext> job() {
    return DiskJobs.job("SET_DISK_QOS", QosContext.class, List.of(Step.of("Apply the limits", c -> {
      Disk d = disks.get(c.diskId()).orElseThrow(() -> new JobFailedException("disk " + c.diskId() + " is gone"));
      VmRecord vm = d.vmId() == null ? null : vms.get(d.vmId()).orElse(null);
      if (vm != null && vm.nodeId() != null && d.target() != null) {
        DiskQos q = policy.enabled() ? policy.effective(d.id(), d.sizeGiB()) : null;
        host.call(vm, new SetDiskQosCommand(vm.id(), new dev.vireo.agent.protocol.DataDiskDefinition(d.id(),
            nodes.definition(d).path(), d.target(), q)), VmStateReply.class);
      }
    })), c -> { }, (c, reason) -> policy.restore(c.diskId(), c.previous()));
  }
}
