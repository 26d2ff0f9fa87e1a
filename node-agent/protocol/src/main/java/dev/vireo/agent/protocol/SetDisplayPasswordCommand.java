package dev.vireo.agent.protocol;

/**
 * Sets the password of the running domain's display, accepted for new connections only until
 * {@code validUntil} (libvirt {@code passwdValidTo}: QEMU refuses the password afterwards; sessions
 * already authenticated stay). Sent for every console ticket, so each ticket has its own password
 * (ADR 0030). {@code protocol} is {@code VNC} (the default when absent; at most 8 characters, VNC's
 * limit) or {@code SPICE} (at most 60 characters). Replies {@link DisplayReply}.
 */
public record SetDisplayPasswordCommand(String domainName, String password, java.time.Instant validUntil,
    String protocol) implements AgentCommand {

  /** The VNC display's password (the command's first form). */
  public SetDisplayPasswordCommand(String domainName, String password, java.time.Instant validUntil) {
    this(domainName, password, validUntil, "VNC");
  }

  /** True for the SPICE display, false for VNC (also when the protocol is absent). */
  public boolean spice() {
    return "SPICE".equalsIgnoreCase(protocol);
  }
}
