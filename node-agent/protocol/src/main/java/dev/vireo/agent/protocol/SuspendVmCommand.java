package dev.vireo.agent.protocol;

/**
 * Saves a running domain's memory and device state to {@code saveImagePath} (under the shared
 * storage root) and leaves the domain defined and shut off; sent by the server's SUSPEND job. A
 * domain already shut off with the image present counts as done. Replies {@link VmStateReply}.
 */
public record SuspendVmCommand(String domainName, String saveImagePath) implements AgentCommand {}
