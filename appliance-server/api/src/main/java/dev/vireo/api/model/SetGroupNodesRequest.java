package dev.vireo.api.model;

import java.util.List;

/** Body of {@code PUT /api/v1/groups/{id}/nodes}: the node group's complete new set of nodes. */
public record SetGroupNodesRequest(List<String> nodeIds) {}
