package dev.vireo.agent.protocol;

/**
 * Sent every {@code heartbeatSeconds} to {@link AgentHttp#HEARTBEAT_PATH}: facts, every domain,
 * the peers this node finds unreachable (HA probes; empty or null when none) and, when it fenced
 * itself after losing the majority of its cluster, when that was (null otherwise). The server
 * answers with a {@link HeartbeatReply}.
 */
public record Heartbeat(
    String nodeId, java.time.Instant sentAt, HostFacts facts,
    java.util.List<DomainStatus> domains,
    java.util.List<String> unreachablePeers,
    java.time.Instant fencedAt) {}
