package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/disks}: {@code sizeGiB} at least 10, in whole GiB, at most the
 * admin's maximum; {@code storageClusterId} (id or name) defaults to the default cluster's default
 * storage.
 */
public record CreateDiskRequest(String name, String description, Integer sizeGiB, String storageClusterId) {}
