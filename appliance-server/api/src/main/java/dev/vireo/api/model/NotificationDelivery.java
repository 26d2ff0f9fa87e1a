package dev.vireo.api.model;

/**
 * One notification to one contact of a group: how many attempts it took, the last error, and when
 * it finished (null while PENDING).
 */
public record NotificationDelivery(
    String id,
    String groupId,
    String contactId,
    String subject,
    NotificationDeliveryStatus status,
    int attempts,
    String lastError,
    java.time.Instant createdAt,
    java.time.Instant finishedAt) {}
