package dev.vireo.agent.protocol;

/**
 * Defines (or redefines, when the domain is not running) the persistent libvirt domain for a VM.
 * Sent after the system disk exists. Replies {@link VmStateReply}.
 */
public record DefineVmCommand(VmDefinition vm) implements AgentCommand {}
