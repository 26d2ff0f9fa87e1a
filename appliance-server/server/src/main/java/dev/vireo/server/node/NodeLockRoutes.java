package dev.vireo.server.node;

import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Submission;
import java.util.List;

/**
 * {@code POST /nodes/{id}/lock} and {@code /unlock}: idempotent by target state, like VM power
 * operations; a node entering or in maintenance is 409 to unlock.
 */
public final class NodeLockRoutes {
  private final NodeStore nodes;
  private final Submission submission;
  private final LockNodeJob lockJob;
  private final LockNodeJob unlockJob;
  private final NoOpJob noOp;

  public NodeLockRoutes(NodeStore nodes, Submission submission, LockNodeJob lockJob, LockNodeJob unlockJob,
      NoOpJob noOp) {
    this.nodes = nodes;
    this.submission = submission;
    this.lockJob = lockJob;
    this.unlockJob = unlockJob;
    this.noOp = noOp;
  }

  public List<JobType<?>> jobTypes() {
    return List.of(lockJob, unlockJob);
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/nodes/{id}/lock", Access.USER, r -> lock(r, true))
        .post("/api/v1/nodes/{id}/unlock", Access.USER, r -> lock(r, false));
  }

  private Response lock(Request r, boolean lock) {
    Node node = nodes.get(r.path("id")).orElseThrow(() -> ApiException.notFound("node", r.path("id")));
    if (!lock && (node.schedulingStatus() == NodeSchedulingStatus.MAINTENANCE
        || node.schedulingStatus() == NodeSchedulingStatus.ENTERING_MAINTENANCE)) {
      throw ApiException.conflict("node " + node.id() + " is " + node.schedulingStatus()
          + "; a node in maintenance cannot be unlocked directly: exit maintenance first (it returns to LOCKED),"
          + " then unlock");
    }
    return Response.accepted(submission.submit(h -> node.locked() == lock
        ? submission.job(h, noOp, new NoOpJob.Context(node.id(), "node is already " + (lock ? "locked" : "unlocked")),
            "node", node.id())
        : submission.job(h, lock ? lockJob : unlockJob, new LockNodeJob.Context(node.id(), lock), "node", node.id())));
  }
}
