package dev.vireo.agent.protocol;

/**
 * Moves a VM's system disk from {@code sourcePath} to {@code path}, both {@code <storage
 * path>/vms/<vmId>/system.qcow2} on storage clusters of the VM's compute cluster (ADR 0028). When
 * {@code domainName} runs with the source as {@code vda}: a live full block copy (the copy has no
 * backing file: it no longer needs the image store of the source storage), mirrored until ready,
 * then pivoted; otherwise an offline flattening copy. The persistent definition then names the new
 * file, and only after that is the source deleted. On failure the copy is aborted, the partial
 * target deleted and the source kept in use. Idempotent: a domain already running on the target,
 * or a missing source with the target present, counts as done. Replies {@link VolumeReply}.
 */
public record MigrateSystemDiskCommand(String vmId, String sourcePath, String path, String domainName)
    implements AgentCommand {}
