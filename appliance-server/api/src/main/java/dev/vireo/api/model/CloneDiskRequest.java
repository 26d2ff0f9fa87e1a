package dev.vireo.api.model;

/** Body of {@code POST /api/v1/disks/{id}/clone}: the new disk's name and description (same size and storage cluster). */
public record CloneDiskRequest(String name, String description) {}
