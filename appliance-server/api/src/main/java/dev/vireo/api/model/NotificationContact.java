package dev.vireo.api.model;

/**
 * Someone notifications reach (white paper 5.11): an e-mail address, or a webhook URL with its
 * method; {@code groupIds} are the notification groups it belongs to.
 */
public record NotificationContact(
    String id,
    String name,
    NotificationContactKind kind,
    String email,
    String url,
    WebhookMethod method,
    java.util.List<String> groupIds,
    java.time.Instant createdAt) {}
