package dev.vireo.api.model;

/**
 * A one-time console ticket (white paper 4.2.11, ADR 0030): connect with TLS to the console
 * gateway at {@code host}:{@code port} (the server's certificate), send
 * {@code VIREO-CONSOLE <vmId> <ticket>\r\n}, and after {@code OK\r\n} speak RFB (VNC) with the
 * VM's display, authenticating with {@code password} (VNC authentication). Valid once, and only
 * until {@code expiresAt} (300 s after issue unless configured otherwise) if unused.
 */
public record ConsoleTicket(
    String id,
    String vmId,
    ConsoleProtocol protocol,
    String host,
    int port,
    String ticket,
    String password,
    java.time.Instant expiresAt) {}
