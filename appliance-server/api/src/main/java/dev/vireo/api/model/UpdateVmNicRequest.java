package dev.vireo.api.model;

/** Body of {@code PATCH /api/v1/vms/{id}/nics/{index}}: a new unicast MAC, unused on the platform (white paper 4.2.15). */
public record UpdateVmNicRequest(String macAddress) {}
