package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/image} (white paper 4.2.4.2 "制作镜像"): a custom image named
 * {@code name} (unique among images) made from the STOPPED VM's system disk, flattened (no backing
 * image, no snapshots). OS type and boot mode are the VM's.
 */
public record CreateImageFromVmRequest(String name, String description) {}
