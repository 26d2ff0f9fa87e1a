package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/migrate} (optional): the destination node; absent, the
 * scheduler chooses another node of the VM's cluster.
 */
public record MigrateVmRequest(String nodeId) {}
