package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/storage-clusters}: the alias, the compute cluster whose nodes mount
 * the storage ({@code clusterId}, default: the default cluster), and the absolute {@code path} at
 * which the admin mounted it on every one of those nodes.
 */
public record CreateStorageClusterRequest(String name, String clusterId, String path, String description) {}
