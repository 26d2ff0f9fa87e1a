package dev.vireo.client.main;

import dev.vireo.api.model.Job;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The jobs (GET /api/v1/jobs), read-only; replaced by {@code dev.vireo.client.jobs.JobsScreen} when that exists. */
public final class JobsScreen extends ResourceScreen<Job> {
  public JobsScreen(AppContext ctx) {
    super("main.nav.jobs", ctx, () -> ctx.client().listJobs(null).items(), List.of(
        new ResourceColumn<>("main.col.type", Job::type),
        new ResourceColumn<>("main.col.state", Job::state),
        new ResourceColumn<>("main.col.resource", j -> j.resourceType() + " " + j.resourceId()),
        new ResourceColumn<>("main.col.progress", Job::progress),
        new ResourceColumn<>("main.col.error", Job::error),
        new ResourceColumn<>("main.col.created", Job::createdAt),
        new ResourceColumn<>("main.col.finished", Job::finishedAt)));
  }
}
