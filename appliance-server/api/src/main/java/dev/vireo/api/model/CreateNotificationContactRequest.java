package dev.vireo.api.model;

/**
 * A notification contact to create or replace: {@code email} for EMAIL, {@code url} (http or
 * https) and {@code method} (default POST) for WEBHOOK.
 */
public record CreateNotificationContactRequest(
    String name, NotificationContactKind kind, String email, String url, WebhookMethod method) {}
