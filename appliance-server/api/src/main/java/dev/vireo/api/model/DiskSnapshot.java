package dev.vireo.api.model;

import java.time.Instant;

/**
 * A snapshot of a virtual disk (white paper 4.5, issue 5 D4): the disk's data at {@code createdAt},
 * kept inside the disk's volume (ADR 0025); {@code sizeGiB} is the disk's size then, the size of a
 * disk created from it. A snapshot of a VM's system disk has {@code vmId} and no {@code diskId}.
 */
public record DiskSnapshot(
    String id,
    String diskId,
    String name,
    String description,
    int sizeGiB,
    DiskSnapshotState state,
    String stateReason,
    Instant createdAt,
    String vmId) {}
