package dev.vireo.agent.protocol;

/**
 * Grows a data volume to {@code sizeBytes}, never shrinking it (a smaller size is refused, the
 * same size is done). With {@code domainName} of a running domain that has the volume attached:
 * online, through the block layer of the running QEMU (the guest sees the new size at once);
 * otherwise offline, on the file. Replies {@link VolumeReply}.
 */
public record ResizeVolumeCommand(String diskId, String storagePath, String path, String domainName,
    long sizeBytes) implements AgentCommand {}
