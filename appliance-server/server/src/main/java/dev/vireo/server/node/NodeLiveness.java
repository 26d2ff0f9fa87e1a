package dev.vireo.server.node;

import dev.vireo.api.model.NodeState;
import java.time.Instant;

/** A node as HA sees it: where it is, how to probe it, and when the server last heard it. */
public record NodeLiveness(String id, String clusterId, String hostname, String agentUrl, NodeState state,
    Instant lastHeartbeatAt) {}
