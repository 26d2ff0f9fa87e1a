package dev.vireo.api.model;

/**
 * One rule of an alarm template: the metric of the template's resource type, how it is compared
 * ({@code >=}, {@code <=}, {@code >}, {@code <}) with the threshold, how long the condition must
 * hold before the alarm fires (0: at the first sample), the severity, and the notification group
 * told when it fires and resolves (none: recorded only).
 */
public record AlarmRule(String id, String metric, String comparator, Double threshold, Integer durationSeconds,
    AlarmSeverity severity, String notificationGroupId) {}
