package dev.vireo.agent.protocol;

/**
 * Sets the running domain's VNC password (at most 8 characters, VNC's limit), accepted for new
 * connections only until {@code validUntil} (libvirt {@code passwdValidTo}: QEMU refuses the
 * password afterwards; sessions already authenticated stay). Sent for every console ticket, so each
 * ticket has its own password (ADR 0030). Replies {@link DisplayReply}.
 */
public record SetDisplayPasswordCommand(String domainName, String password, java.time.Instant validUntil)
    implements AgentCommand {}
