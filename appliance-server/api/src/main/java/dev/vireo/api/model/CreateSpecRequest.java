package dev.vireo.api.model;

/** Body of {@code POST /api/v1/specs}: CPU 1 or even up to 240, memory 1 or even up to 1024 GiB. */
public record CreateSpecRequest(String clusterId, Integer cpu, Integer memoryGiB) {}
