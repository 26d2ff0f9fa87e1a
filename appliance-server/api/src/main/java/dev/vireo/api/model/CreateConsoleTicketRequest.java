package dev.vireo.api.model;

/** Body of {@code POST /api/v1/vms/{id}/console} (optional): {@code protocol} defaults to VNC. */
public record CreateConsoleTicketRequest(ConsoleProtocol protocol) {}
