package dev.vireo.api.model;

/**
 * How a SPICE client reaches a VM through the server's SPICE proxy (ADR 0031), in the terms of a
 * virt-viewer {@code .vv} file: an HTTP proxy ({@code proxy}) to which the client sends
 * {@code CONNECT <host>:<tlsPort>}, then TLS inside the tunnel against the server's certificate
 * ({@code ca}, PEM) whose subject must be {@code hostSubject}. {@code host} carries the ticket.
 */
public record SpiceConnection(String proxy, String host, int tlsPort, String hostSubject, String ca) {}
