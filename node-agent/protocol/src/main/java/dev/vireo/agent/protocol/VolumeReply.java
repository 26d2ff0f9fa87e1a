package dev.vireo.agent.protocol;

/**
 * Reply to {@link CreateVolumeCommand} and {@link ResizeVolumeCommand}: the volume's virtual size,
 * what it really takes on the storage (thin provisioning), and the storage's figures after the change.
 */
public record VolumeReply(String path, long virtualSizeBytes, long allocatedBytes, StorageReply storage)
    implements AgentReply {}
