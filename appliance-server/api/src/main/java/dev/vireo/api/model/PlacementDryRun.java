package dev.vireo.api.model;

import java.util.List;

/** A placement explained without changing anything: the chosen node (or null and why not), and every node's verdict. */
public record PlacementDryRun(
    String clusterId,
    int cpu,
    int memoryGiB,
    String nodeId,
    String reason,
    List<PlacementVerdict> nodes) {}
