package dev.vireo.api.model;

import java.util.List;

/** A new notification rule, or the whole of a replaced one (the source stays). */
public record CreateNotificationRuleRequest(String name, NotificationRuleSource source, String regionId,
    String notificationGroupId, List<String> modules, List<String> levels) {}
