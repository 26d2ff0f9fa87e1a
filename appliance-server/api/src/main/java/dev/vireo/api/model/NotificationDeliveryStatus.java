package dev.vireo.api.model;

/** Where one delivery to one contact stands: still trying, delivered, or given up. */
public enum NotificationDeliveryStatus {
  PENDING,
  SENT,
  FAILED
}
