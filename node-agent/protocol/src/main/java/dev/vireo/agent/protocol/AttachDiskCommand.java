package dev.vireo.agent.protocol;

/**
 * Attaches a data disk to a defined domain: to the running guest (hot-plug) and to its persistent
 * definition, or only to the definition when it is shut off. A disk already attached at that
 * target counts as done; an undefined domain too (the next {@link DefineVmCommand} carries the
 * disk). Replies {@link VmStateReply}.
 */
public record AttachDiskCommand(String domainName, DataDiskDefinition disk) implements AgentCommand {}
