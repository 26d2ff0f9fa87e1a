package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * An alarm template (white paper 5.10.3): rules for one resource type ({@code vm} or
 * {@code node}), applied to every resource bound to it.
 */
public record AlarmTemplate(String id, String name, String resourceType, String description, List<AlarmRule> rules,
    List<String> resourceIds, Instant createdAt) {}
