package dev.vireo.api.model;

/** How serious an alarm rule is (white paper 5.10.3: 一般, 重要, 危险). */
public enum AlarmSeverity {
  INFO,
  IMPORTANT,
  CRITICAL
}
