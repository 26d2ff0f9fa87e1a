package dev.vireo.agent.protocol;

/** The node carries the network: the bridge holding its uplink, and whether anything had to change. */
public record NetworkReply(String networkId, String bridge, boolean changed) implements AgentReply {}
