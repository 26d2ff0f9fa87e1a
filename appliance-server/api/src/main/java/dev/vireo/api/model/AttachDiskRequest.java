package dev.vireo.api.model;

/** Body of {@code POST /api/v1/vms/{id}/disks}: the disk (id or name) to attach. */
public record AttachDiskRequest(String disk) {}
