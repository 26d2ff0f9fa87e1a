package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/migrate} (optional). Live migration of a RUNNING VM: the
 * destination {@code nodeId}, or neither field and the scheduler chooses another node of the VM's
 * cluster. Offline migration of a STOPPED VM: {@code clusterId}, another cluster of the same CPU
 * arch; the VM is placed there at its next start (ADR 0012). Never both.
 */
public record MigrateVmRequest(String nodeId, String clusterId) {}
