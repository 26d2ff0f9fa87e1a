package dev.vireo.api.model;

/**
 * Body of {@code PATCH /api/v1/disk-specs/{storageClusterId}}: a null field keeps its value;
 * {@code minGiB} at least 10, {@code maxGiB} at least {@code minGiB} and at most the server's
 * {@code [storage] max_disk_gib}.
 */
public record UpdateDiskSpecRequest(Integer minGiB, Integer maxGiB) {}
