package dev.vireo.api.model;

import java.time.Instant;

/**
 * One resource event (white paper 5.13.1): a lifecycle change ("VM started", "Node disconnected")
 * or an operation's outcome ("Migrate VM succeeded") of a VM or node; {@code count} is how often
 * the same (resource, event type, level, content) happened, from {@code firstAt} to {@code lastAt}.
 */
public record ResourceEvent(
    long id,
    String resourceId,
    String resourceType,
    String regionId,
    String eventType,
    ResourceEventLevel level,
    String content,
    int count,
    Instant firstAt,
    Instant lastAt) {}
