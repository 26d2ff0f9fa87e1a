package dev.vireo.server;

import dev.vireo.api.model.NotificationGroup;
import dev.vireo.server.alarm.AlarmNotices;
import dev.vireo.server.alarm.Alarms;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.metrics.MetricStore;
import dev.vireo.server.notify.Notification;
import dev.vireo.server.notify.Notifications;
import dev.vireo.server.notifyrule.NotificationRuleRoutes;
import dev.vireo.server.notifyrule.NotificationRules;
import dev.vireo.server.oplog.OperationCatalog;
import dev.vireo.server.oplog.OperationLog;
import dev.vireo.server.resourceevent.ResourceEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Puts alarms and notification rules (ADR 0036) together with what they hear (the metric store,
 * the operation log, resource events) and what they tell (the notifier); a notification group that
 * a template's rule or a notification rule uses cannot be deleted.
 */
final class Monitoring {
  private Monitoring() {}

  static void alarmsAndRules(Jdbi jdbi, ApiRouter router, MetricStore metrics, Notifications notifications,
      OperationLog operations, ResourceEvents resourceEvents) throws IOException {
    AlarmNotices notices = (group, subject, text, fields) -> notifications.notifier()
        .send(group, new Notification(Notification.Kind.ALARM, subject, text, fields));
    Alarms alarms = new Alarms(jdbi, notices, notifications.groups()::exists).start(router, metrics);
    NotificationRules rules = new NotificationRules(jdbi, notifications.notifier()::send);
    new NotificationRuleRoutes(jdbi, rules, OperationCatalog.load().modules(), notifications.groups()::exists)
        .register(router);
    operations.listen(rules::operation, rules::watchesOperations);
    resourceEvents.listen(rules::event);
    notifications.groups().onDelete((NotificationGroup g) -> {
      List<String> users = new ArrayList<>();
      alarms.templatesNotifying(g.id()).forEach(t -> users.add("alarm template " + t));
      rules.rulesNotifying(g.id()).forEach(r -> users.add("notification rule " + r));
      if (!users.isEmpty()) {
        throw ApiException.conflict("notification group " + g.name() + " is used by " + String.join(", ", users)
            + "; point them at another group first");
      }
    });
  }
}
