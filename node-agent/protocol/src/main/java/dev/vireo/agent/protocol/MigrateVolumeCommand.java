package dev.vireo.agent.protocol;

/**
 * Moves the data volume at {@code sourcePath} to {@code path} ({@code <storagePath>/disks/<diskId>.qcow2}
 * of another storage cluster of the same compute cluster; ADR 0026). When {@code domainName} is
 * running with the volume at {@code target}, a live full block copy (mirror until ready, then
 * pivot) on the domain's node; otherwise an offline copy on any node of the storage. The domain's
 * persistent definition then names the new file, and the source is deleted only after that. On
 * failure the copy is aborted, the partial target deleted and the source kept. Idempotent: a
 * domain already using the target and a missing source count as done. Replies {@link VolumeReply}
 * for the target.
 */
public record MigrateVolumeCommand(String diskId, String sourcePath, String storagePath, String path,
    String domainName, String target) implements AgentCommand {}
