/**
 * Secure VM console (white paper 4.2.11, ADR 0030): one-time tickets, and the TLS console gateway
 * that accepts a ticket and relays the VM's VNC stream through the display relay of its node's agent.
 */
package dev.vireo.server.console;
