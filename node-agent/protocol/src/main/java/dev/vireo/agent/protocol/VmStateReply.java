package dev.vireo.agent.protocol;

/** A domain's power state after a command; {@code vncPort} is set while it runs. */
public record VmStateReply(String domainName, DomainPowerState state, Integer vncPort)
    implements AgentReply {}
