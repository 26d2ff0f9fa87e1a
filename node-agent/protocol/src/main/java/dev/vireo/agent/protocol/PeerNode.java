package dev.vireo.agent.protocol;

/**
 * Another node of the agent's cluster, to be probed for HA (white paper 3.2.5). {@code probeUrl}
 * is the peer agent's {@link AgentHttp#HEALTH_PATH} (no token needed).
 */
public record PeerNode(String nodeId, String hostname, String probeUrl) {}
