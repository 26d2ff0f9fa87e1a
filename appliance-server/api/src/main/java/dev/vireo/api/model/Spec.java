package dev.vireo.api.model;

/** An instance spec (CPU and memory); cluster-less specs apply to every cluster. */
public record Spec(
    String id, String name, String clusterId, int cpu, int memoryGiB, boolean isDefault,
    java.time.Instant createdAt) {}
