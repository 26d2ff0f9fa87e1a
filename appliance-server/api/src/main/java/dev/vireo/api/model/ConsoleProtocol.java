package dev.vireo.api.model;

/** The display protocol of a console ticket: VNC (ADR 0030) or SPICE (ADR 0031). */
public enum ConsoleProtocol {
  VNC,
  SPICE
}
