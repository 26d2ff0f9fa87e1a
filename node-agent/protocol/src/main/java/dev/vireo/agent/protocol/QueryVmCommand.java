package dev.vireo.agent.protocol;

/** Reports a domain's current power state (ABSENT when not defined). Replies {@link VmStateReply}. */
public record QueryVmCommand(String domainName) implements AgentCommand {}
