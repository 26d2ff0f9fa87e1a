package dev.vireo.api.model;

/** What a notification rule watches: the operation log (white paper 5.12.2) or resource events (5.13.2). */
public enum NotificationRuleSource {
  OPERATION_LOG,
  RESOURCE_EVENT
}
