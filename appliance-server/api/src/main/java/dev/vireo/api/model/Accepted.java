package dev.vireo.api.model;

/** Body of every {@code 202}: the job doing the work and the resource it works on. */
public record Accepted(String jobId, String resourceType, String resourceId) {}
