package dev.vireo.agent.protocol;

/**
 * The outcome of a {@link MigrateVmCommand}. {@code totalMillis} is the wall time of the migration
 * call on the source agent; {@code downtimeMillis} and {@code dataBytes} are libvirt's completed-job
 * statistics read on the destination (null when libvirt did not report them). {@code alreadyDone}
 * is true when the domain was found on the destination already (nothing was measured then).
 */
public record MigrationReply(String domainName, DomainPowerState destinationState, long totalMillis,
    Long downtimeMillis, Long dataBytes, boolean alreadyDone) implements AgentReply {}
