package dev.vireo.api.model;

/** How a notification contact is reached (white paper 5.11). */
public enum NotificationContactKind {
  EMAIL,
  WEBHOOK
}
