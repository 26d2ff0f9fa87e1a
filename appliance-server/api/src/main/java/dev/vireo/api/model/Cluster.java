package dev.vireo.api.model;

/** A compute cluster: nodes of one CPU architecture and one CPU overcommit ratio. */
public record Cluster(
    String id, String regionId, String name, CpuArch arch, int cpuOvercommitPercent,
    java.time.Instant createdAt) {}
