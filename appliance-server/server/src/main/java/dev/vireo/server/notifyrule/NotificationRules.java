package dev.vireo.server.notifyrule;

import dev.vireo.api.model.NotificationRule;
import dev.vireo.api.model.NotificationRuleSource;
import dev.vireo.api.model.OperationLogEntry;
import dev.vireo.api.model.ResourceEvent;
import dev.vireo.server.notify.Notification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Notification rules of the operation log and of resource events (white paper 5.12.2, 5.13.2,
 * ADR 0036): each finished operation-log entry and each recorded resource event is matched against
 * the rules (kept in memory, reloaded on change) and sent to the group of every rule it matches.
 */
public final class NotificationRules {
  private final NotificationRuleStore store;
  private final BiConsumer<String, Notification> notifier;
  private volatile List<NotificationRule> rules;

  /** {@code notifier}: sends a notification to a group, returning at once. */
  public NotificationRules(Jdbi jdbi, BiConsumer<String, Notification> notifier) {
    this.store = new NotificationRuleStore(jdbi);
    this.notifier = notifier;
    this.rules = store.list();
  }

  NotificationRuleStore store() {
    return store;
  }

  void reload() {
    rules = store.list();
  }

  /** Whether any rule watches the operation log (else its entries need not be read back). */
  public boolean watchesOperations() {
    return rules.stream().anyMatch(r -> r.source() == NotificationRuleSource.OPERATION_LOG);
  }

  /** The names of the rules that send to this group (a group in use stays). */
  public List<String> rulesNotifying(String groupId) {
    return store.rulesNotifying(groupId);
  }

  /** For {@code OperationLog.listen}: a finished entry. */
  public void operation(OperationLogEntry e) {
    for (NotificationRule r : rules) {
      if (r.source() == NotificationRuleSource.OPERATION_LOG && matches(r, e.regionId(), e.module(), e.result().name())) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", "OPERATION");
        f.put("rule", r.name());
        f.put("operation", e.operation());
        f.put("module", e.module());
        f.put("result", e.result().name());
        put(f, "regionId", e.regionId());
        f.put("resources", String.join(",", e.resources()));
        f.put("operator", e.operator());
        put(f, "reason", e.reason());
        put(f, "sourceIp", e.sourceIp());
        f.put("at", e.occurredAt().toString());
        String subject = "Operation " + e.result() + ": " + e.operation() + " by " + e.operator()
            + (e.resources().isEmpty() ? "" : " (" + String.join(", ", e.resources()) + ")");
        String text = e.method() + " " + e.path() + " -> " + e.status() + " " + e.result()
            + (e.reason() == null ? "" : ": " + e.reason()) + "\n";
        notifier.accept(r.notificationGroupId(), new Notification(Notification.Kind.OPERATION, subject, text, f));
      }
    }
  }

  /** For the resource events' listener: a new or repeated event. */
  public void event(ResourceEvent e) {
    for (NotificationRule r : rules) {
      if (r.source() == NotificationRuleSource.RESOURCE_EVENT
          && matches(r, e.regionId(), e.resourceType(), e.level().name())) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", "EVENT");
        f.put("rule", r.name());
        f.put("resourceType", e.resourceType());
        f.put("resourceId", e.resourceId());
        put(f, "regionId", e.regionId());
        f.put("eventType", e.eventType());
        f.put("level", e.level().name());
        put(f, "content", e.content());
        f.put("count", Integer.toString(e.count()));
        f.put("at", e.lastAt().toString());
        String subject = e.level() + " event on " + e.resourceId() + ": " + e.eventType();
        String text = e.eventType() + (e.content() == null ? "" : ": " + e.content()) + "\nOccurrences: " + e.count()
            + " (first " + e.firstAt() + ", last " + e.lastAt() + ")\n";
        notifier.accept(r.notificationGroupId(), new Notification(Notification.Kind.EVENT, subject, text, f));
      }
    }
  }

  static boolean matches(NotificationRule r, String region, String module, String level) {
    return (r.regionId() == null || r.regionId().equals(region))
        && (r.modules().isEmpty() || r.modules().contains(module)) && r.levels().contains(level);
  }

  private static void put(Map<String, String> f, String key, String value) {
    if (value != null) {
      f.put(key, value);
    }
  }
}
