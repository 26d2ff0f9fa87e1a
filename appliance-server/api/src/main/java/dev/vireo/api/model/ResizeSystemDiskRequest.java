package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/system-disk/resize}: the system disk's new size in GiB,
 * larger than the current one (system disks never shrink; ADR 0026).
 */
public record ResizeSystemDiskRequest(Integer sizeGiB) {}
