package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/resize}: a {@code spec} of the VM's cluster (id or name like
 * {@code 4C8G}) or {@code cpu} and {@code memoryGiB} (white paper 4.2.2 rules). A STOPPED VM goes
 * up or down; a RUNNING one only up, by CPU hot-add (memory of a running VM does not change).
 */
public record ResizeVmRequest(String spec, Integer cpu, Integer memoryGiB) {}
