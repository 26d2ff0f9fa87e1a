package dev.vireo.server.alarm;

import dev.vireo.api.model.AlarmRule;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmTemplate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Alarm templates with their rules and bound resources, in HSQLDB (tables of V23). */
final class AlarmTemplateStore {
  private final Jdbi jdbi;

  AlarmTemplateStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  List<AlarmTemplate> list() {
    return jdbi.withHandle(h -> read(h, null));
  }

  /** By id, or else by name. */
  Optional<AlarmTemplate> resolve(String idOrName) {
    return jdbi.withHandle(h -> {
      List<AlarmTemplate> byId = read(h, idOrName);
      if (!byId.isEmpty()) {
        return Optional.of(byId.get(0));
      }
      return h.createQuery("SELECT id FROM alarm_templates WHERE name = :n").bind("n", idOrName).mapTo(String.class)
          .findOne().flatMap(id -> read(h, id).stream().findFirst());
    });
  }

  boolean nameTaken(Handle h, String name, String exceptId) {
    return h.createQuery("SELECT COUNT(*) FROM alarm_templates WHERE name = :n AND id <> :id").bind("n", name)
        .bind("id", exceptId).mapTo(Integer.class).one() > 0;
  }

  void insert(Handle h, AlarmTemplate t) {
    h.createUpdate("INSERT INTO alarm_templates (id, name, resource_type, description, created_at)"
            + " VALUES (:id, :name, :type, :description, :at)")
        .bind("id", t.id()).bind("name", t.name()).bind("type", t.resourceType()).bind("description", t.description())
        .bind("at", OffsetDateTime.ofInstant(t.createdAt(), ZoneOffset.UTC)).execute();
    insertRules(h, t);
  }

  /** Name, description and rules; the resource type and the bindings stay. */
  void update(Handle h, AlarmTemplate t) {
    h.createUpdate("UPDATE alarm_templates SET name = :name, description = :description WHERE id = :id")
        .bind("id", t.id()).bind("name", t.name()).bind("description", t.description()).execute();
    h.createUpdate("DELETE FROM alarm_rules WHERE template_id = :id").bind("id", t.id()).execute();
    insertRules(h, t);
  }

  void delete(Handle h, String id) {
    h.createUpdate("DELETE FROM alarm_templates WHERE id = :id").bind("id", id).execute();
  }

  /** Binds the resources (already bound ones stay bound). */
  void bind(Handle h, String templateId, List<String> resourceIds) {
    for (String r : resourceIds) {
      h.createUpdate("MERGE INTO alarm_bindings b USING (VALUES (CAST(:t AS VARCHAR(40)), CAST(:r AS VARCHAR(40))))"
              + " AS v (t, r) ON b.template_id = v.t AND b.resource_id = v.r"
              + " WHEN NOT MATCHED THEN INSERT (template_id, resource_id) VALUES (v.t, v.r)")
          .bind("t", templateId).bind("r", r).execute();
    }
  }

  /** Whether the resource was bound. */
  boolean unbind(Handle h, String templateId, String resourceId) {
    return h.createUpdate("DELETE FROM alarm_bindings WHERE template_id = :t AND resource_id = :r")
        .bind("t", templateId).bind("r", resourceId).execute() > 0;
  }

  /** The templates whose rules tell this notification group. */
  List<String> templatesNotifying(String groupId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT t.name FROM alarm_rules r JOIN alarm_templates t"
            + " ON t.id = r.template_id WHERE r.notification_group_id = :g ORDER BY t.name")
        .bind("g", groupId).mapTo(String.class).list());
  }

  private static void insertRules(Handle h, AlarmTemplate t) {
    int position = 0;
    for (AlarmRule r : t.rules()) {
      h.createUpdate("INSERT INTO alarm_rules (id, template_id, position, metric, comparator, threshold,"
              + " duration_seconds, severity, notification_group_id) VALUES (:id, :t, :p, :metric, :cmp, :threshold,"
              + " :duration, :severity, :group)")
          .bind("id", r.id()).bind("t", t.id()).bind("p", position++).bind("metric", r.metric())
          .bind("cmp", r.comparator()).bind("threshold", r.threshold()).bind("duration", r.durationSeconds())
          .bind("severity", r.severity().name()).bind("group", r.notificationGroupId()).execute();
    }
  }

  /** One template ({@code id}) or all (null), rules in order, bound resources sorted. */
  private static List<AlarmTemplate> read(Handle h, String id) {
    String where = id == null ? "" : " WHERE id = :id";
    Map<String, Object[]> rows = new LinkedHashMap<>();
    var q = h.createQuery("SELECT id, name, resource_type, description, created_at FROM alarm_templates" + where
        + " ORDER BY created_at, id");
    if (id != null) {
      q.bind("id", id);
    }
    q.map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant()}).forEach(r -> rows.put((String) r[0], r));
    Map<String, List<AlarmRule>> rules = new LinkedHashMap<>();
    Map<String, List<String>> bound = new LinkedHashMap<>();
    for (String t : rows.keySet()) {
      rules.put(t, new ArrayList<>());
      bound.put(t, new ArrayList<>());
    }
    String of = id == null ? "" : " WHERE template_id = :id";
    var rq = h.createQuery("SELECT template_id, id, metric, comparator, threshold, duration_seconds, severity,"
        + " notification_group_id FROM alarm_rules" + of + " ORDER BY template_id, position");
    var bq = h.createQuery("SELECT template_id, resource_id FROM alarm_bindings" + of + " ORDER BY resource_id");
    if (id != null) {
      rq.bind("id", id);
      bq.bind("id", id);
    }
    rq.map((rs, ctx) -> {
      List<AlarmRule> list = rules.get(rs.getString(1));
      if (list != null) {
        list.add(new AlarmRule(rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getInt(6),
            AlarmSeverity.valueOf(rs.getString(7)), rs.getString(8)));
      }
      return 0;
    }).list();
    bq.map((rs, ctx) -> {
      List<String> list = bound.get(rs.getString(1));
      if (list != null) {
        list.add(rs.getString(2));
      }
      return 0;
    }).list();
    List<AlarmTemplate> out = new ArrayList<>();
    for (Object[] r : rows.values()) {
      String t = (String) r[0];
      out.add(new AlarmTemplate(t, (String) r[1], (String) r[2], (String) r[3], List.copyOf(rules.get(t)),
          List.copyOf(bound.get(t)), (java.time.Instant) r[4]));
    }
    return out;
  }
}
