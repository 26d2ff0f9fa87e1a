package dev.vireo.api.model;

/**
 * An alarm record's state (white paper 5.10.4): PENDING while the rule's condition holds for less
 * than its duration (待触发), FIRING once it held for the whole duration (触发中), RESOLVED when the
 * condition stopped holding after it fired (未触发).
 */
public enum AlarmState {
  PENDING,
  FIRING,
  RESOLVED
}
