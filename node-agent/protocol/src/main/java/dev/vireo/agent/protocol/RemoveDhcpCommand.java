package dev.vireo.agent.protocol;

/**
 * Stops this node's dnsmasq of a network and removes its internal port and files (the network was
 * deleted, or no longer has {@code dhcp}); idempotent. Replies {@link NetworkReply}.
 */
public record RemoveDhcpCommand(String networkId) implements AgentCommand {}
