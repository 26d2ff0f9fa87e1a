package dev.vireo.agent.protocol;

/** Reboots a running domain through ACPI, falling back to a reset. Replies {@link VmStateReply}. */
public record RebootVmCommand(String domainName) implements AgentCommand {}
