package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A notification rule (white paper 5.12.2, 5.13.2): entries of its source in its region (null: any)
 * and modules (operation-log modules, or resource types of events; empty: any) with one of its
 * levels (SUCCEEDED/FAILED for the operation log, NORMAL/WARNING/ERROR for events) are sent to its
 * notification group.
 */
public record NotificationRule(String id, String name, NotificationRuleSource source, String regionId,
    String notificationGroupId, List<String> modules, List<String> levels, Instant createdAt) {}
