package dev.vireo.server.notifyrule;

import dev.vireo.api.model.CreateNotificationRuleRequest;
import dev.vireo.api.model.NotificationRule;
import dev.vireo.api.model.NotificationRuleSource;
import dev.vireo.api.model.OperationResult;
import dev.vireo.api.model.ResourceEventLevel;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /api/v1/notification-rules}: CRUD of the rules of {@link NotificationRules}; plain records
 * (201, 200, 204), checked with 422 naming the field.
 */
public final class NotificationRuleRoutes {
  static final List<String> OPERATION_LEVELS = List.of(OperationResult.SUCCEEDED.name(), OperationResult.FAILED.name());
  static final List<String> EVENT_LEVELS = java.util.Arrays.stream(ResourceEventLevel.values()).map(Enum::name).toList();
  static final List<String> EVENT_MODULES = List.of("vm", "node");
  private final Jdbi jdbi;
  private final NotificationRules rules;
  private final Set<String> operationModules;
  private final Predicate<String> groupExists;

  /** {@code operationModules}: the operation log's modules (openapi.yaml's tags). */
  public NotificationRuleRoutes(Jdbi jdbi, NotificationRules rules, Set<String> operationModules,
      Predicate<String> groupExists) {
    this.jdbi = jdbi;
    this.rules = rules;
    this.operationModules = Set.copyOf(operationModules);
    this.groupExists = groupExists;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/notification-rules", Access.USER, r -> Response.ok(r.page(list(r.query("source")))))
        .get("/api/v1/notification-rules/{id}", Access.USER, r -> Response.ok(find(r.path("id"))))
        .post("/api/v1/notification-rules", Access.USER, this::create)
        .put("/api/v1/notification-rules/{id}", Access.USER, this::replace)
        .delete("/api/v1/notification-rules/{id}", Access.USER, r -> {
          NotificationRule rule = find(r.path("id"));
          rules.store().delete(rule.id());
          rules.reload();
          return Response.noContent();
        });
  }

  private List<NotificationRule> list(String source) {
    List<NotificationRule> all = rules.store().list();
    if (source == null || source.isBlank()) {
      return all;
    }
    NotificationRuleSource s = source(source.strip());
    return all.stream().filter(x -> x.source() == s).toList();
  }

  private NotificationRule find(String idOrName) {
    return rules.store().resolve(idOrName).orElseThrow(() -> ApiException.notFound("notification rule", idOrName));
  }

  private Response create(Request r) {
    NotificationRule rule = checked(Ids.next("nr"), r.json(CreateNotificationRuleRequest.class), null, Instant.now());
    save(rule);
    r.note().resource(rule.id());
    return Response.created(find(rule.id()), "/api/v1/notification-rules/" + rule.id());
  }

  private Response replace(Request r) {
    NotificationRule old = find(r.path("id"));
    NotificationRule rule = checked(old.id(), r.json(CreateNotificationRuleRequest.class), old.source(),
        old.createdAt());
    save(rule);
    return Response.ok(find(rule.id()));
  }

  private void save(NotificationRule rule) {
    jdbi.useTransaction(h -> {
      if (rules.store().nameTaken(h, rule.name(), rule.id())) {
        throw new ApiException(409, "conflict", "name", "name: a notification rule named '" + rule.name()
            + "' already exists");
      }
      rules.store().upsert(h, rule);
    });
    rules.reload();
  }

  private NotificationRule checked(String id, CreateNotificationRuleRequest req, NotificationRuleSource fixed,
      Instant createdAt) {
    if (req == null) {
      throw ApiException.invalid("name", "is required");
    }
    String name = Names.require("name", req.name());
    NotificationRuleSource source = req.source() == null ? fixed : req.source();
    if (source == null) {
      throw ApiException.invalid("source", "is required: OPERATION_LOG or RESOURCE_EVENT");
    }
    if (fixed != null && source != fixed) {
      throw ApiException.invalid("source", "a rule's source cannot change (it is " + fixed + "); create another rule");
    }
    String region = blankToNull(req.regionId());
    if (region != null && jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM regions WHERE id = :id")
        .bind("id", region).mapTo(Integer.class).one()) == 0) {
      throw ApiException.invalid("regionId", "region " + region + " does not exist (GET /api/v1/regions)");
    }
    String group = blankToNull(req.notificationGroupId());
    if (group == null) {
      throw ApiException.invalid("notificationGroupId", "is required: the group the rule sends to");
    }
    if (!groupExists.test(group)) {
      throw ApiException.invalid("notificationGroupId", "notification group " + group + " does not exist");
    }
    boolean ops = source == NotificationRuleSource.OPERATION_LOG;
    List<String> modules = oneOf("modules", req.modules(), ops ? List.copyOf(new java.util.TreeSet<>(operationModules))
        : EVENT_MODULES, false, false);
    List<String> levels = oneOf("levels", req.levels(), ops ? OPERATION_LEVELS : EVENT_LEVELS, true, true);
    return new NotificationRule(id, name, source, region, group, modules, levels, createdAt);
  }

  /** Each of the values among {@code allowed} (upper-cased first when {@code upper}), without repeats. */
  private static List<String> oneOf(String field, List<String> values, List<String> allowed, boolean required,
      boolean upper) {
    if (values == null || values.isEmpty()) {
      if (required) {
        throw ApiException.invalid(field, "at least one of " + allowed + " is required");
      }
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i) == null ? "" : values.get(i).strip();
      if (upper) {
        v = v.toUpperCase(Locale.ROOT);
      }
      if (!allowed.contains(v)) {
        throw ApiException.invalid(field + "[" + i + "]", "must be one of " + allowed + " (got '" + v + "')");
      }
      out.add(v);
    }
    return new ArrayList<>(out);
  }

  private static NotificationRuleSource source(String s) {
    try {
      return NotificationRuleSource.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("source", "must be OPERATION_LOG or RESOURCE_EVENT");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
