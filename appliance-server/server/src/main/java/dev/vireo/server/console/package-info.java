/**
 * Secure VM console (white paper 4.2.11, ADR 0030, 0031): one-time tickets, the TLS console gateway
 * that accepts a VNC ticket, the SPICE proxy that accepts a SPICE ticket as an HTTP CONNECT, both
 * relaying the VM's display through the display relay of its node's agent.
 */
package dev.vireo.server.console;
