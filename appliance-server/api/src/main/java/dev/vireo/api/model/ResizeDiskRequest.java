package dev.vireo.api.model;

/** Body of {@code POST /api/v1/disks/{id}/resize}: the new size, larger than the current one (disks never shrink). */
public record ResizeDiskRequest(Integer sizeGiB) {}
