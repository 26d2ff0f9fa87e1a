package dev.vireo.agent.protocol;

/**
 * Sets the I/O limits of a data disk of a defined domain to {@code disk.qos()} (null or all 0:
 * none), live when it runs and in its persistent definition (ADR 0025). An absent domain counts as
 * done (its next define carries the limits). Replies {@link VmStateReply}.
 */
public record SetDiskQosCommand(String domainName, DataDiskDefinition disk) implements AgentCommand {}
