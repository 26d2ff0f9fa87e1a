package dev.vireo.api.model;

import java.time.Instant;

/**
 * An alarm record (white paper 5.10.4): which rule of which template on which resource, the
 * metric and the rule's condition, the state, the value that last moved it, and when the
 * condition began to hold, when it fired and when it resolved.
 */
public record Alarm(String id, String templateId, String templateName, String ruleId, String resourceType,
    String resourceId, String metric, String comparator, double threshold, int durationSeconds,
    AlarmSeverity severity, AlarmState state, double currentValue, Instant startedAt, Instant firedAt,
    Instant resolvedAt, Instant updatedAt) {}
