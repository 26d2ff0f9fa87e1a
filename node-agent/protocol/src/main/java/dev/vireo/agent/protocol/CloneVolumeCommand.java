package dev.vireo.agent.protocol;

/**
 * Copies the data volume at {@code sourcePath} (a disk no domain uses) into a new thin volume at
 * {@code path} ({@code <storagePath>/disks/<diskId>.qcow2}): written to a temporary file and
 * renamed when complete, so an existing target is a finished copy and counts as done. Replies
 * {@link VolumeReply}.
 */
public record CloneVolumeCommand(String sourceDiskId, String sourcePath, String diskId, String storagePath,
    String path) implements AgentCommand {}
