package dev.vireo.agent.protocol;

/**
 * Reply to {@link ProbeStorageCommand} and {@link DeleteVolumeCommand}: the storage directory's
 * file system figures as this node sees them ({@code statvfs}), in bytes.
 */
public record StorageReply(String storagePath, long capacityBytes, long usedBytes) implements AgentReply {}
