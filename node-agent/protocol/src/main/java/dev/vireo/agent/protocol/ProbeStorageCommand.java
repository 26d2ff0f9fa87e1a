package dev.vireo.agent.protocol;

/**
 * Checks that the storage directory of a storage cluster is mounted on this node (an existing
 * directory the agent can write to, with its {@code disks/} sub-directory created) and reports its
 * figures. Sent when a storage cluster is registered and to refresh its figures. Replies
 * {@link StorageReply}.
 */
public record ProbeStorageCommand(String storagePath) implements AgentCommand {}
