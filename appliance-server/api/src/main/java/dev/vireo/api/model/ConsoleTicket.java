package dev.vireo.api.model;

/**
 * A one-time console ticket (white paper 4.2.11). VNC (ADR 0030): connect with TLS to the console
 * gateway at {@code host}:{@code port} (the server's certificate), send
 * {@code VIREO-CONSOLE <vmId> <ticket>\r\n}, and after {@code OK\r\n} speak RFB with the VM's
 * display, authenticating with {@code password} (VNC authentication). SPICE (ADR 0031):
 * {@code host}:{@code port} is the SPICE proxy and {@code spice} says how to use it; the password
 * is the SPICE ticket. Valid once, and only until {@code expiresAt} (300 s after issue unless
 * configured otherwise) if unused; a SPICE session may open all its channels with it.
 */
public record ConsoleTicket(
    String id,
    String vmId,
    ConsoleProtocol protocol,
    String host,
    int port,
    String ticket,
    String password,
    java.time.Instant expiresAt,
    SpiceConnection spice) {

  /** A VNC ticket. */
  public ConsoleTicket(String id, String vmId, ConsoleProtocol protocol, String host, int port, String ticket,
      String password, java.time.Instant expiresAt) {
    this(id, vmId, protocol, host, port, ticket, password, expiresAt, null);
  }
}
