package dev.vireo.agent.protocol;

/**
 * Powers off (if needed) and undefines a domain, including its NVRAM; an absent domain counts as
 * done. Sent when a VM is deleted or a create is rolled back. Replies {@link DoneReply}.
 */
public record UndefineVmCommand(String domainName) implements AgentCommand {}
