package dev.vireo.api.model;

/** Body of {@code POST /api/v1/disks/{id}/snapshots} and {@code POST /api/v1/vms/{id}/snapshots}. */
public record CreateDiskSnapshotRequest(String name, String description) {}
