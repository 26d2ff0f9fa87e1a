package dev.vireo.api.model;

import java.time.Instant;

/**
 * A virtual disk (white paper 4.5): a thin-provisioned volume of {@code sizeGiB} on a storage
 * cluster, attached to at most one VM ({@code vmId}, null when not attached) as guest device
 * {@code target} ({@code vdc}, ...). {@code allocatedBytes} is what it takes on the storage (null
 * before the first measurement).
 */
public record Disk(
    String id,
    String name,
    String description,
    String storageClusterId,
    int sizeGiB,
    DiskState state,
    String stateReason,
    String vmId,
    String target,
    Long allocatedBytes,
    Instant createdAt,
    Instant updatedAt) {}
