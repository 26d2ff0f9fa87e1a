package dev.vireo.api.model;

import java.time.Instant;

/**
 * The disk spec of a storage cluster (white paper 6.5): the capacity range in GiB of a new virtual
 * disk on it. The platform generates one per storage cluster (10 GiB up to the server's
 * {@code [storage] max_disk_gib}); administrators modify it, nobody creates or deletes one.
 * {@code modified} tells a changed range from the generated one; {@code updatedAt} is null until then.
 */
public record DiskSpec(
    String storageClusterId,
    String storageClusterName,
    String clusterId,
    int minGiB,
    int maxGiB,
    boolean modified,
    Instant updatedAt) {}
