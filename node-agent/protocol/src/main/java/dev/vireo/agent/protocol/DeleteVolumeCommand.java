package dev.vireo.agent.protocol;

/**
 * Removes a data volume ({@code <storagePath>/disks/<diskId>.qcow2}); an absent file counts as
 * done. Sent only for a volume no domain uses. Replies {@link StorageReply}.
 */
public record DeleteVolumeCommand(String diskId, String storagePath, String path) implements AgentCommand {}
