package dev.vireo.agent.protocol;

/**
 * Removes a VM's directory (system disk, NVRAM, serial log) under the storage root; an absent
 * directory counts as done. Sent after {@link UndefineVmCommand}. Replies {@link DoneReply}.
 */
public record DeleteVmFilesCommand(String vmId, String vmDirectory) implements AgentCommand {}
