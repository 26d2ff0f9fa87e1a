package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/disks/{id}/migrate} (storage migration, ADR 0026): the storage
 * cluster (id or name) to move the disk to, another one of the disk's compute cluster.
 */
public record MigrateDiskRequest(String storageClusterId) {}
