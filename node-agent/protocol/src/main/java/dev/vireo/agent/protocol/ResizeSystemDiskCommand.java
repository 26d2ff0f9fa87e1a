package dev.vireo.agent.protocol;

/**
 * Grows a VM's system disk (the qcow2 overlay at {@code systemDiskPath} under the storage root) to
 * {@code sizeBytes}: online through {@code virDomainBlockResize} of {@code vda} when the domain runs,
 * otherwise {@code qemu-img resize} of the overlay (its backing image is never written). Never
 * shrinks ({@code SHRINK_REFUSED}); a disk already of the size counts as done. Replies {@link DiskReply}.
 */
public record ResizeSystemDiskCommand(String domainName, String systemDiskPath, long sizeBytes)
    implements AgentCommand {}
