package dev.vireo.api.model;

/**
 * A VM's high-availability mode (white paper 4.2.18): {@code NEVER_STOP} ("永不停止") restarts
 * the VM whenever it stops without being asked to — on another node when its node fails, in
 * place when the guest shuts down or crashes on its own; {@code NONE} ("无") leaves it stopped.
 */
public enum HaMode {
  NEVER_STOP,
  NONE
}
