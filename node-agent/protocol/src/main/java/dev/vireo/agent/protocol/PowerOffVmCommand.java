package dev.vireo.agent.protocol;

/** Forced power-off (libvirt destroy); a shut-off domain counts as done. Replies {@link VmStateReply}. */
public record PowerOffVmCommand(String domainName) implements AgentCommand {}
