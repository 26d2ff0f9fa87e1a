package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/disks}: {@code sizeGiB} in whole GiB within the storage cluster's
 * disk spec (by default 10 GiB to the server's maximum); {@code storageClusterId} (id or name) defaults to the default cluster's default
 * storage.
 */
public record CreateDiskRequest(String name, String description, Integer sizeGiB, String storageClusterId) {}
