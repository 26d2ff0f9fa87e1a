package dev.vireo.api.model;

/**
 * Changes a cluster: a new name and/or a higher CPU overcommit ratio (white paper 3.1.1: the ratio
 * can only be raised, 100-600 in steps of 50) and/or how often its nodes probe each other for HA
 * (white paper 3.2.5: 10 s by default; 1-60 s).
 */
public record UpdateClusterRequest(String name, Integer cpuOvercommitPercent, Integer haProbeIntervalSeconds) {

  public UpdateClusterRequest(String name, Integer cpuOvercommitPercent) {
    this(name, cpuOvercommitPercent, null);
  }
}
