package dev.vireo.agent.protocol;

/**
 * Removes the installation ISO from a VM's CD-ROM drive, live when the domain runs and in its
 * persistent definition; a domain without a medium counts as done. Replies {@link DoneReply}.
 */
public record EjectCdromCommand(String domainName) implements AgentCommand {}
