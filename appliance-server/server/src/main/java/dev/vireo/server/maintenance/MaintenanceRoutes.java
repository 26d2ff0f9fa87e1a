package dev.vireo.server.maintenance;

import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobEngine;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.vm.MigrateVmJob;
import dev.vireo.server.vm.RehomeVmJob;
import dev.vireo.server.vm.VmStore;
import dev.vireo.server.vm.VmTransitions;
import java.util.List;

/**
 * {@code POST /nodes/{id}/maintenance} enters maintenance (only from LOCKED; 409 otherwise, a
 * no-op when in maintenance already) and {@code DELETE /nodes/{id}/maintenance} leaves it (only
 * from MAINTENANCE) back to LOCKED; white paper 5.5 (6), (7).
 */
public final class MaintenanceRoutes {
  private final NodeStore nodes;
  private final Submission submission;
  private final NoOpJob noOp;
  private final EnterMaintenanceJob enterJob;
  private final JobType<ExitContext> exitJob;

  /** The node leaving maintenance. */
  public record ExitContext(String nodeId) {}

  public MaintenanceRoutes(NodeStore nodes, VmStore vms, Submission submission, JobEngine engine, EventBus events,
      MigrateVmJob migrateJob, RehomeVmJob rehomeJob, NoOpJob noOp) {
    this.nodes = nodes;
    this.submission = submission;
    this.noOp = noOp;
    NodeEvacuation evacuation = new NodeEvacuation(vms, engine, new VmTransitions(vms, submission, events, noOp),
        migrateJob, rehomeJob);
    this.enterJob = new EnterMaintenanceJob(nodes, evacuation, events);
    this.exitJob = JobType.single("EXIT_MAINTENANCE", ExitContext.class, Step.of("Exit maintenance", c -> {
      if (!nodes.endMaintenance(c.nodeId(), NodeSchedulingStatus.MAINTENANCE)) {
        throw new JobFailedException("node " + c.nodeId() + " is no longer in maintenance");
      }
      events.publish("node", c.nodeId(), NodeSchedulingStatus.LOCKED.name());
    }));
  }

  public List<JobType<?>> jobTypes() {
    return List.of(enterJob, exitJob);
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/nodes/{id}/maintenance", Access.USER, this::enter)
        .delete("/api/v1/nodes/{id}/maintenance", Access.USER, this::exit);
  }

  private Response enter(Request r) {
    Node node = find(r);
    if (node.schedulingStatus() == NodeSchedulingStatus.MAINTENANCE) {
      return Response.accepted(submission.submit(h -> submission.job(h, noOp,
          new NoOpJob.Context(node.id(), "node is already in maintenance"), "node", node.id())));
    }
    return Response.accepted(submission.submit(h -> {
      if (!nodes.beginMaintenance(h, node.id())) {
        NodeSchedulingStatus now = node.schedulingStatus();
        throw ApiException.conflict("node " + node.id() + " is " + now + "; only a LOCKED node can enter maintenance"
            + (now == NodeSchedulingStatus.UNLOCKED ? " (lock it first: POST /api/v1/nodes/" + node.id() + "/lock)"
            : ""));
      }
      return submission.job(h, enterJob, new EnterMaintenanceJob.Context(node.id()), "node", node.id());
    }));
  }

  private Response exit(Request r) {
    Node node = find(r);
    if (node.schedulingStatus() != NodeSchedulingStatus.MAINTENANCE) {
      throw ApiException.conflict("node " + node.id() + " is " + node.schedulingStatus()
          + "; only a node in MAINTENANCE can exit maintenance");
    }
    return Response.accepted(submission.submit(h -> submission.job(h, exitJob, new ExitContext(node.id()), "node",
        node.id())));
  }

  private Node find(Request r) {
    return nodes.get(r.path("id")).orElseThrow(() -> ApiException.notFound("node", r.path("id")));
  }
}
