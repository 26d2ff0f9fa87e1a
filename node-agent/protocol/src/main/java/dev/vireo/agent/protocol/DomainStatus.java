package dev.vireo.agent.protocol;

/** One domain a node runs or has defined, as listed in a heartbeat. */
public record DomainStatus(String domainName, DomainPowerState state, String reason) {}
