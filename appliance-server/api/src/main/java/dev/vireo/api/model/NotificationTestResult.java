package dev.vireo.api.model;

/** The outcome of a test notification: one finished delivery per contact of the group. */
public record NotificationTestResult(String groupId, int sent, int failed, java.util.List<NotificationDelivery> deliveries) {}
