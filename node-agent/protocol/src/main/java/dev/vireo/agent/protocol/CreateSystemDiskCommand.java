package dev.vireo.agent.protocol;

/**
 * Creates a VM's system disk as a qcow2 overlay on the image at {@code imagePath} with at least
 * {@code sizeGiB} of virtual size; without an image ({@code imagePath} null) a blank thin disk
 * of {@code sizeGiB} that an installation ISO fills (ADR 0029). Sent once per VM create, before {@link DefineVmCommand}; an
 * existing disk with the same backing file is accepted as done. Replies {@link DiskReply}.
 */
public record CreateSystemDiskCommand(String vmId, String imagePath, String diskPath, long sizeGiB)
    implements AgentCommand {}
