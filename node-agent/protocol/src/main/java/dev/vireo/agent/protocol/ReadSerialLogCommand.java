package dev.vireo.agent.protocol;

/** Reads at most the last {@code maxBytes} of a VM's serial console log. Replies {@link SerialLogReply}. */
public record ReadSerialLogCommand(String vmId, String serialLogPath, int maxBytes)
    implements AgentCommand {}
