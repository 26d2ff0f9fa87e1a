package dev.vireo.agent.protocol;

/**
 * Sent by an agent to {@link AgentHttp#REGISTER_PATH} when it starts, with the cluster join token
 * as bearer token. {@code agentUrl} is where the server reaches the agent; {@code agentToken} is the
 * bearer token the server must present to it. {@code cluster} (optional, a cluster name or id, from
 * the agent's {@code [agent] cluster} setting) is the compute cluster the node joins: absent, a new
 * node joins the default cluster and a known node stays where it is (ADR 0012). {@code incarnation}
 * is a random id of the agent process, new at each start, that the process also puts on its
 * command acceptances ({@link AgentHttp#INCARNATION_HEADER}); absent (an older agent), the server
 * takes every command pending on the node as lost.
 */
public record NodeRegistration(
    String agentUrl, String agentToken, String agentVersion, HostFacts facts,
    java.util.List<DomainStatus> domains, String cluster, String incarnation) {}
