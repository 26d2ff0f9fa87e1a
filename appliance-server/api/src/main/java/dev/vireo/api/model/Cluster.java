package dev.vireo.api.model;

/**
 * A compute cluster: nodes of one CPU architecture and one CPU overcommit ratio; its nodes probe
 * each other every {@code haProbeIntervalSeconds} for HA.
 */
public record Cluster(
    String id, String regionId, String name, CpuArch arch, int cpuOvercommitPercent,
    java.time.Instant createdAt, int haProbeIntervalSeconds) {}
