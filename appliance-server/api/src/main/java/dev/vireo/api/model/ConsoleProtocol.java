package dev.vireo.api.model;

/** The display protocol of a console ticket (ADR 0030). */
public enum ConsoleProtocol {
  VNC
}
