package dev.vireo.server.alarm;

import dev.vireo.api.model.AlarmRule;
import dev.vireo.api.model.AlarmTemplate;
import dev.vireo.api.model.CreateAlarmTemplateRequest;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.metrics.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules of a template as the API takes them: 422 naming {@code rules[i].field} and the rule
 * broken; the resources bound to one, each of the template's type.
 */
final class AlarmTemplateCheck {
  static final List<String> TYPES = List.of("vm", "node", "cluster", "storage_cluster");
  static final int MAX_RULES = 50;
  static final int MAX_DURATION_SECONDS = 86_400;
  static final int MAX_BINDINGS = 10_000;
  private final Jdbi jdbi;
  private final Predicate<String> groupExists;

  AlarmTemplateCheck(Jdbi jdbi, Predicate<String> groupExists) {
    this.jdbi = jdbi;
    this.groupExists = groupExists;
  }

  /** {@code fixedType}: a replaced template keeps its type (null for a new one). */
  AlarmTemplate template(String id, CreateAlarmTemplateRequest req, String fixedType, List<String> bound,
      Instant createdAt) {
    if (req == null) {
      throw ApiException.invalid("name", "is required");
    }
    String name = Names.require("name", req.name());
    String description = Names.description(req.description());
    String type = req.resourceType() == null ? null : req.resourceType().strip();
    if (type == null || type.isEmpty()) {
      if (fixedType == null) {
        throw ApiException.invalid("resourceType", "is required: one of " + TYPES);
      }
      type = fixedType;
    } else if (!TYPES.contains(type)) {
      throw ApiException.invalid("resourceType", "must be one of " + TYPES + " (got '" + type + "')");
    } else if (fixedType != null && !fixedType.equals(type)) {
      throw ApiException.invalid("resourceType", "a template's resource type cannot change (it is " + fixedType
          + "); create another template");
    }
    List<AlarmRule> in = req.rules();
    if (in == null || in.isEmpty()) {
      throw ApiException.invalid("rules", "at least one rule is required");
    }
    if (in.size() > MAX_RULES) {
      throw ApiException.invalid("rules", "at most " + MAX_RULES + " rules (got " + in.size() + ")");
    }
    List<AlarmRule> rules = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      rules.add(rule("rules[" + i + "].", type, in.get(i)));
    }
    return new AlarmTemplate(id, name, type, description, List.copyOf(rules), bound, createdAt);
  }

  private AlarmRule rule(String at, String type, AlarmRule r) {
    if (r == null) {
      throw ApiException.invalid(at + "metric", "is required");
    }
    if (r.metric() == null || r.metric().isBlank()) {
      throw ApiException.invalid(at + "metric", "is required");
    }
    if (!MetricStore.known(type, r.metric())) {
      throw ApiException.invalid(at + "metric", "'" + r.metric() + "' is not a " + type + " metric; one of "
          + MetricStore.metricsOf(type));
    }
    if (r.comparator() == null || Comparison.of(r.comparator()).isEmpty()) {
      throw ApiException.invalid(at + "comparator", "must be one of " + Comparison.SYMBOLS);
    }
    if (r.threshold() == null || !Double.isFinite(r.threshold())) {
      throw ApiException.invalid(at + "threshold", "is required: a finite number");
    }
    int duration = r.durationSeconds() == null ? 0 : r.durationSeconds();
    if (duration < 0 || duration > MAX_DURATION_SECONDS) {
      throw ApiException.invalid(at + "durationSeconds", "must be between 0 and " + MAX_DURATION_SECONDS
          + " (0: the first sample fires)");
    }
    if (r.severity() == null) {
      throw ApiException.invalid(at + "severity", "is required: INFO, IMPORTANT or CRITICAL");
    }
    String group = r.notificationGroupId() == null || r.notificationGroupId().isBlank() ? null
        : r.notificationGroupId().strip();
    if (group != null && !groupExists.test(group)) {
      throw ApiException.invalid(at + "notificationGroupId", "notification group " + group + " does not exist");
    }
    return new AlarmRule(Ids.next("ar"), r.metric(), r.comparator(), r.threshold(), duration, r.severity(), group);
  }

  /** The ids, each an existing resource of the type, without repeats. */
  List<String> resources(String type, List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw ApiException.invalid("resourceIds", "at least one " + type + " id is required");
    }
    if (ids.size() > MAX_BINDINGS) {
      throw ApiException.invalid("resourceIds", "at most " + MAX_BINDINGS + " per call (got " + ids.size() + ")");
    }
    Set<String> out = new LinkedHashSet<>();
    String table = switch (type) {
      case "vm" -> "vms";
      case "node" -> "nodes";
      case "cluster" -> "clusters";
      default -> "storage_clusters";
    };
    jdbi.useHandle(h -> {
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i) == null ? "" : ids.get(i).strip();
        boolean exists = !id.isEmpty() && h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE id = :id")
            .bind("id", id).mapTo(Integer.class).one() > 0;
        if (!exists) {
          throw ApiException.invalid("resourceIds[" + i + "]", "no " + type + " '" + id + "' (a template of type "
              + type + " binds only that type)");
        }
        out.add(id);
      }
    });
    return List.copyOf(out);
  }
}
