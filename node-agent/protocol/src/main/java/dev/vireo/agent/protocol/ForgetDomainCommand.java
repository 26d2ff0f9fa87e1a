package dev.vireo.agent.protocol;

/**
 * Removes a stale definition from a node that comes back after its VM was restarted elsewhere
 * (HA) or moved away while the node was down: destroys the domain if it somehow runs, then
 * undefines it <em>keeping</em> its NVRAM and disks, which live in the shared storage and belong
 * to the VM's new home. An absent domain counts as done. Replies {@link DoneReply}.
 */
public record ForgetDomainCommand(String domainName) implements AgentCommand {}
