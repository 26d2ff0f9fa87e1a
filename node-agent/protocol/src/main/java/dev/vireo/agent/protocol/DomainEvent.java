package dev.vireo.agent.protocol;

/** A libvirt lifecycle event, forwarded at once to {@link AgentHttp#EVENTS_PATH}. */
public record DomainEvent(
    String nodeId, String domainName, DomainPowerState state, String reason,
    java.time.Instant at) {}
