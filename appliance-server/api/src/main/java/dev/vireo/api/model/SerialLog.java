package dev.vireo.api.model;

/** Tail of a VM's serial console log: {@code GET /api/v1/vms/{id}/serial-log}. */
public record SerialLog(String vmId, String text, long totalBytes) {}
