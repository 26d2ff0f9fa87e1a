package dev.vireo.agent.protocol;

/**
 * Reply to {@link SetDisplayPasswordCommand}: the port of the domain's VNC or SPICE display on the node's loopback,
 * which only the agent's display relay ({@link AgentHttp#DISPLAY_PATH}) reaches from outside.
 */
public record DisplayReply(String domainName, int port) implements AgentReply {}
