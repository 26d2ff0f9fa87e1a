package dev.vireo.api.model;

/**
 * Changes a cluster: a new name and/or a higher CPU overcommit ratio (white paper 3.1.1: the ratio
 * can only be raised, 100-600 in steps of 50).
 */
public record UpdateClusterRequest(String name, Integer cpuOvercommitPercent) {}
