package dev.vireo.server.alarm;

import java.util.Map;

/**
 * Where a firing or resolved alarm is told: the notification group of its rule. Must return at
 * once (delivery is the notifier's business, on its own threads).
 */
@FunctionalInterface
public interface AlarmNotices {
  void send(String notificationGroupId, String subject, String text, Map<String, String> fields);

  AlarmNotices NONE = (group, subject, text, fields) -> { };
}
