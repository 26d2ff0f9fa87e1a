package dev.vireo.agent.protocol;

/**
 * Copies the internal snapshot {@code snapshot} of the volume at {@code sourcePath} into a new thin
 * volume at {@code path} ({@code <storagePath>/disks/<diskId>.qcow2}, same storage), written to a
 * temporary file and renamed when complete: an existing target counts as done (ADR 0025). The
 * source may be open by a running domain (a snapshot never changes). Replies {@link VolumeReply}.
 */
public record VolumeFromSnapshotCommand(String sourceDiskId, String sourcePath, String snapshot, String diskId,
    String storagePath, String path) implements AgentCommand {}
