package dev.vireo.agent.protocol;

/** Starts a defined domain; a running one counts as done. Replies {@link VmStateReply}. */
public record StartVmCommand(String domainName) implements AgentCommand {}
