package dev.vireo.agent.protocol;

/**
 * Copies the system disk of a VM whose domain is not running into a standalone image at
 * {@code imagePath} ({@code <storage root>/images/<imageId>.qcow2}): {@code qemu-img convert}
 * flattens the backing chain and drops internal snapshots, writing {@code imagePath.part} first
 * and renaming it when complete, so an existing target is a finished copy and counts as done.
 * Replies {@link DiskReply}.
 */
public record ExportSystemDiskCommand(String domainName, String systemDiskPath, String imagePath)
    implements AgentCommand {}
