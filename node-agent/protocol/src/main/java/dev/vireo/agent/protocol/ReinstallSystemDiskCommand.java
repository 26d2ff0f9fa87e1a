package dev.vireo.agent.protocol;

/**
 * Replaces the system disk of a VM whose domain is not running with a new overlay on the image at
 * {@code imagePath} of at least {@code sizeGiB}: the new overlay is written next to the old disk and
 * renamed over it, so the old disk stays intact until the new one is complete (a failure leaves
 * the VM as it was). Replies {@link DiskReply}.
 */
public record ReinstallSystemDiskCommand(String domainName, String imagePath, String systemDiskPath, long sizeGiB)
    implements AgentCommand {}
