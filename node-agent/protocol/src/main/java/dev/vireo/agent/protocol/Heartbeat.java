package dev.vireo.agent.protocol;

/** Sent every {@code heartbeatSeconds} to {@link AgentHttp#HEARTBEAT_PATH}: facts and every domain. */
public record Heartbeat(
    String nodeId, java.time.Instant sentAt, HostFacts facts,
    java.util.List<DomainStatus> domains) {}
