package dev.vireo.agent.protocol;

/**
 * Graceful shutdown: ACPI power button, pressed again every few seconds (an early press is lost
 * while the guest boots). After {@code timeoutSeconds} the domain is powered off when
 * {@code forceAfterTimeout}, otherwise the task fails with {@code SHUTDOWN_TIMEOUT}. A shut-off
 * domain counts as done. Replies {@link VmStateReply}.
 */
public record ShutdownVmCommand(String domainName, int timeoutSeconds, boolean forceAfterTimeout)
    implements AgentCommand {}
