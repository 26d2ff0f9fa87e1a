package dev.vireo.agent.protocol;

/** Reply to {@link CreateSystemDiskCommand}: the disk's path and virtual size. */
public record DiskReply(String path, long virtualSizeBytes) implements AgentReply {}
