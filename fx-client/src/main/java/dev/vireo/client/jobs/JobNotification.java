package dev.vireo.client.jobs;

/** The end of a followed job as the user is told: its text and whether it failed. */
public record JobNotification(String jobId, String text, boolean failed) {}
