package dev.vireo.client.main;

import dev.vireo.api.model.Job;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/** The jobs (GET /api/v1/jobs), paged; each "job" event reads that job again. */
public final class JobsScreen extends ResourceScreen<Job> {
  public JobsScreen(AppContext ctx, ResourceSession session) {
    super("jobs", "main.nav.jobs", session, ResourceSource.paged(Job::id, p -> ctx.client().listJobs(null, p))
        .readBy(ctx.client()::getJob).liveOn("job"), List.of(
        new ResourceColumn<>("main.col.type", Job::type),
        new ResourceColumn<>("main.col.state", Job::state),
        new ResourceColumn<>("main.col.resource", j -> j.resourceType() + " " + j.resourceId()),
        new ResourceColumn<>("main.col.progress", Job::progress),
        new ResourceColumn<>("main.col.error", Job::error),
        new ResourceColumn<>("main.col.created", Job::createdAt),
        new ResourceColumn<>("main.col.finished", Job::finishedAt)));
  }
}
