package dev.vireo.agent.protocol;

/**
 * Sets a domain's vCPU count: live (CPU hot-add) and in its persistent definition when it runs,
 * in the definition only when it is shut off; at most the maximum it was defined with. Sent by the
 * server's RESIZE job; the count already set counts as done. Replies {@link VmStateReply}.
 */
public record SetVcpusCommand(String domainName, int vcpus) implements AgentCommand {}
