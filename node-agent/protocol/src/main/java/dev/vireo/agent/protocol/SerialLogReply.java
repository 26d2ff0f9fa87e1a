package dev.vireo.agent.protocol;

/** Reply to {@link ReadSerialLogCommand}: the tail of the log and the log's full size. */
public record SerialLogReply(String text, long totalBytes) implements AgentReply {}
