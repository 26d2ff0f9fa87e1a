package dev.vireo.api.model;

/** One node in a dry-run: accepted with its score, or rejected by a filter with the reason. */
public record PlacementVerdict(
    String nodeId,
    boolean accepted,
    Double score,
    String filter,
    String reason) {}
