package dev.vireo.api.model;

import java.util.List;

/** Body of {@code POST /api/v1/roles} and {@code PUT /api/v1/roles/{id}}. */
public record RoleRequest(String name, String description, List<String> permissions) {}
