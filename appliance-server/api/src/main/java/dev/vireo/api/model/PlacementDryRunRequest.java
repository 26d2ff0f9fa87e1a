package dev.vireo.api.model;

import java.util.List;

/** Body of {@code POST /api/v1/placements/dry-run}: {@code spec} or {@code cpu}+{@code memoryGiB}, optional cluster and groups. */
public record PlacementDryRunRequest(
    String clusterId,
    String spec,
    Integer cpu,
    Integer memoryGiB,
    List<String> groupIds) {}
