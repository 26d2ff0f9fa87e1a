package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/vms/{id}/stop}: graceful ACPI shutdown, powered off after
 * {@code timeoutSeconds} (default 120) unless {@code force} is false.
 */
public record StopVmRequest(Integer timeoutSeconds, Boolean force) {}
