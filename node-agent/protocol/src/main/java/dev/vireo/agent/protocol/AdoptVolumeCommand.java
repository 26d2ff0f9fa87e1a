package dev.vireo.agent.protocol;

/**
 * Moves a volume no domain uses from {@code sourcePath} to {@code targetPath} on the same
 * storage (a rename: no data is copied) and grows it to {@code sizeBytes} when smaller: a data
 * disk holding an OS becomes a new VM's system disk (C5), and the reverse move undoes it. A
 * missing source with an existing target counts as done. Replies {@link DiskReply}.
 */
public record AdoptVolumeCommand(String sourcePath, String targetPath, long sizeBytes) implements AgentCommand {}
