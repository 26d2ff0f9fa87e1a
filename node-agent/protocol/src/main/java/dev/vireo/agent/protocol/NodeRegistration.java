package dev.vireo.agent.protocol;

/**
 * Sent by an agent to {@link AgentHttp#REGISTER_PATH} when it starts, with the cluster join token
 * as bearer token. {@code agentUrl} is where the server reaches the agent; {@code agentToken} is the
 * bearer token the server must present to it.
 */
public record NodeRegistration(
    String agentUrl, String agentToken, String agentVersion, HostFacts facts,
    java.util.List<DomainStatus> domains) {}
