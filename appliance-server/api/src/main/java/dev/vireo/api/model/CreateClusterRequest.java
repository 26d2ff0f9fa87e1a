package dev.vireo.api.model;

/** Body of {@code POST /api/v1/clusters}. Overcommit 100..600 in steps of 50. */
public record CreateClusterRequest(String name, CpuArch arch, Integer cpuOvercommitPercent) {}
