package dev.vireo.api.model;

import java.time.Instant;

/**
 * A storage cluster (white paper 4.1.2.2, 4.5): shared storage that every node of compute cluster
 * {@code clusterId} mounts at {@code path}, under an admin alias {@code name} ("capacity",
 * "performance", ...). {@code capacityBytes} and {@code usedBytes} are the file system's figures
 * as a node last measured them (null before the first measurement); {@code allocatedBytes} is
 * what the platform handed out on it: the sizes of its disks (and, on a cluster's default storage,
 * of its VMs' system disks).
 */
public record StorageCluster(
    String id,
    String name,
    String clusterId,
    String path,
    String description,
    boolean defaultForCluster,
    StorageClusterState state,
    Long capacityBytes,
    Long usedBytes,
    long allocatedBytes,
    Instant measuredAt,
    Instant createdAt) {}
