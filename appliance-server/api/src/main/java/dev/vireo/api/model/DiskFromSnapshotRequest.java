package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/disks/{id}/snapshots/{snapshotId}/disks}: the new disk's name and
 * description (the snapshot's size, the same storage cluster).
 */
public record DiskFromSnapshotRequest(String name, String description) {}
