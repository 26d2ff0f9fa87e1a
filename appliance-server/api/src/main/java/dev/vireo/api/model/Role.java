package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** A set of permissions (white paper 5.2.4); built-in roles cannot be changed or deleted. */
public record Role(String id, String name, String description, boolean builtIn, List<String> permissions,
    List<String> accountIds, Instant createdAt) {}
