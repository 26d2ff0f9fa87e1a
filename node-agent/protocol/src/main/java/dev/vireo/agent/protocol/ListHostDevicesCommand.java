package dev.vireo.agent.protocol;

/**
 * Lists the node's host devices as the agent sees them now (read-only, any time the agent is up).
 * Replies {@link HostDevicesReply}.
 */
public record ListHostDevicesCommand() implements AgentCommand {}
