package dev.vireo.client.jobs;

import dev.vireo.api.model.Job;

/** Reads a job by id ({@code VireoClient::getJob} in the app, a fake in tests); called off the UI thread. */
@FunctionalInterface
public interface JobFetcher {
  Job getJob(String jobId);
}
