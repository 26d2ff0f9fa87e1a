package dev.vireo.agent.protocol;

/**
 * Creates a thin qcow2 data volume of {@code sizeBytes} at {@code path}, which must be
 * {@code <storagePath>/disks/<diskId>.qcow2}. An existing volume of that size counts as done.
 * Replies {@link VolumeReply}.
 */
public record CreateVolumeCommand(String diskId, String storagePath, String path, long sizeBytes)
    implements AgentCommand {}
