package dev.vireo.api.model;

/** Body of {@code PATCH /api/v1/vms/{id}}: new name and/or description. */
public record UpdateVmRequest(String name, String description) {}
