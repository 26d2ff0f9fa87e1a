package dev.vireo.agent.protocol;

/**
 * Detaches a data disk from a domain: from the running guest (hot-unplug, waiting until the guest
 * released it) and from its persistent definition. A disk not attached, or an undefined domain,
 * counts as done. Replies {@link VmStateReply}.
 */
public record DetachDiskCommand(String domainName, DataDiskDefinition disk) implements AgentCommand {}
