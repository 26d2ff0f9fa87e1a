package dev.vireo.api.model;

/**
 * Body of {@code PATCH /api/v1/specs/{id}} (white paper 6.5): a null field keeps its value; CPU 1
 * or even up to 240, memory 1 or even up to 1024 GiB, as for a new spec. Without {@code name} a
 * spec named after its values ("2C4G") is renamed after the new ones; VMs made from the spec keep
 * their size.
 */
public record UpdateSpecRequest(String name, Integer cpu, Integer memoryGiB) {}
