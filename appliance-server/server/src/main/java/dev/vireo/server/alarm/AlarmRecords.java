package dev.vireo.server.alarm;

import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmState;
import dev.vireo.api.model.Page;
import dev.vireo.server.http.RegionClause;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Alarm records (white paper 5.10.4) in HSQLDB: opened PENDING or FIRING, moved to FIRING and
 * RESOLVED by the {@link AlarmEvaluator}; a PENDING record whose condition stopped holding before
 * it fired is removed (it never was an alarm).
 */
final class AlarmRecords {
  private static final String COLUMNS = "id, template_id, template_name, rule_id, resource_type, resource_id,"
      + " metric, comparator, threshold, duration_seconds, severity, state, current_value, started_at, fired_at,"
      + " resolved_at, updated_at, notification_group_id";
  private final Jdbi jdbi;

  AlarmRecords(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** An alarm record with the group its rule tells. */
  record Stored(Alarm alarm, String notificationGroupId) {}

  /** Filters of {@code GET /api/v1/alarms}; null or empty means any. */
  record Filter(List<AlarmState> states, List<AlarmSeverity> severities, String resourceType, String resourceId,
      String templateId, Instant from, Instant to) {}

  void insert(Alarm a, String groupId) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO alarms (" + COLUMNS + ") VALUES (:id, :template, :templateName,"
            + " :rule, :type, :resource, :metric, :cmp, :threshold, :duration, :severity, :state, :value, :started,"
            + " :fired, :resolved, :updated, :group)")
        .bind("id", a.id()).bind("template", a.templateId()).bind("templateName", a.templateName())
        .bind("rule", a.ruleId()).bind("type", a.resourceType()).bind("resource", a.resourceId())
        .bind("metric", a.metric()).bind("cmp", a.comparator()).bind("threshold", a.threshold())
        .bind("duration", a.durationSeconds()).bind("severity", a.severity().name()).bind("state", a.state().name())
        .bind("value", a.currentValue()).bind("started", utc(a.startedAt())).bind("fired", utc(a.firedAt()))
        .bind("resolved", utc(a.resolvedAt())).bind("updated", utc(a.updatedAt())).bind("group", groupId).execute());
  }

  /** The state and value that moved the record, and the time of the move. */
  void move(String id, AlarmState state, double value, Instant at) {
    String when = switch (state) {
      case FIRING -> ", fired_at = :at";
      case RESOLVED -> ", resolved_at = :at";
      case PENDING -> "";
    };
    jdbi.useHandle(h -> h.createUpdate("UPDATE alarms SET state = :state, current_value = :value, updated_at = :at"
            + when + " WHERE id = :id")
        .bind("state", state.name()).bind("value", value).bind("at", utc(at)).bind("id", id).execute());
  }

  void delete(String id) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM alarms WHERE id = :id").bind("id", id).execute());
  }

  /** PENDING and FIRING records: what the evaluator picks up after a restart. */
  List<Stored> open() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM alarms WHERE state IN ('PENDING',"
        + " 'FIRING')").map((rs, ctx) -> new Stored(alarm(rs), rs.getString(18))).list());
  }

  Optional<Alarm> find(String id) {
    return find(id, RegionClause.ALL);
  }

  /** The record, if its resource lies in the caller's regions (ADR 0047). */
  Optional<Alarm> find(String id, RegionClause scope) {
    String in = inScope(scope);
    return jdbi.withHandle(h -> scope.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM alarms WHERE id = :id"
        + (in == null ? "" : " AND " + in)).bind("id", id)).map((rs, ctx) -> alarm(rs)).findOne());
  }

  /**
   * The records a caller of {@code scope} sees (an SQL condition over {@code alarms}; null: all):
   * those of VMs, nodes, clusters and storage clusters in its regions (ADR 0047). A record of a
   * resource gone for good is no longer shown to a REGION account.
   */
  static String inScope(RegionClause scope) {
    String in = scope.list();
    if (in == null) {
      return null;
    }
    return "((resource_type = 'vm' AND resource_id IN (SELECT id FROM vms WHERE region_id IN " + in + "))"
        + " OR (resource_type = 'node' AND resource_id IN (SELECT n.id FROM nodes n JOIN clusters c"
        + " ON c.id = n.cluster_id WHERE c.region_id IN " + in + "))"
        + " OR (resource_type = 'cluster' AND resource_id IN (SELECT id FROM clusters WHERE region_id IN " + in + "))"
        + " OR (resource_type = 'storage_cluster' AND resource_id IN (SELECT s.id FROM storage_clusters s"
        + " JOIN clusters c ON c.id = s.cluster_id WHERE c.region_id IN " + in + ")))";
  }

  /** Newest first (by when the condition began to hold). */
  Page<Alarm> page(Filter f, int offset, int limit) {
    return page(f, RegionClause.ALL, offset, limit);
  }

  /** Newest first, of the caller's regions (filtered in the query, so {@code total} stays right). */
  Page<Alarm> page(Filter f, RegionClause scope, int offset, int limit) {
    return jdbi.withHandle(h -> {
      StringBuilder where = new StringBuilder(" WHERE started_at >= :from AND started_at <= :to");
      String in = inScope(scope);
      if (in != null) {
        where.append(" AND ").append(in);
      }
      if (f.states() != null && !f.states().isEmpty()) {
        where.append(" AND state IN (<states>)");
      }
      if (f.severities() != null && !f.severities().isEmpty()) {
        where.append(" AND severity IN (<severities>)");
      }
      if (f.resourceType() != null) {
        where.append(" AND resource_type = :type");
      }
      if (f.resourceId() != null) {
        where.append(" AND resource_id = :resource");
      }
      if (f.templateId() != null) {
        where.append(" AND template_id = :template");
      }
      Query count = scope.bindTo(bind(h.createQuery("SELECT COUNT(*) FROM alarms" + where), f));
      int total = count.mapTo(Integer.class).one();
      Query rows = scope.bindTo(bind(h.createQuery("SELECT " + COLUMNS + " FROM alarms" + where
          + " ORDER BY started_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY"), f))
          .bind("offset", offset).bind("limit", limit);
      List<Alarm> items = new ArrayList<>(rows.map((rs, ctx) -> alarm(rs)).list());
      return new Page<>(items, total, offset, limit);
    });
  }

  private static Query bind(Query q, Filter f) {
    q.bind("from", utc(f.from() == null ? Instant.EPOCH : f.from()))
        .bind("to", utc(f.to() == null ? Instant.now().plusSeconds(86_400) : f.to()));
    if (f.states() != null && !f.states().isEmpty()) {
      q.bindList("states", f.states().stream().map(Enum::name).toList());
    }
    if (f.severities() != null && !f.severities().isEmpty()) {
      q.bindList("severities", f.severities().stream().map(Enum::name).toList());
    }
    if (f.resourceType() != null) {
      q.bind("type", f.resourceType());
    }
    if (f.resourceId() != null) {
      q.bind("resource", f.resourceId());
    }
    if (f.templateId() != null) {
      q.bind("template", f.templateId());
    }
    return q;
  }

  private static Alarm alarm(ResultSet rs) throws SQLException {
    return new Alarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getDouble(9), rs.getInt(10),
        AlarmSeverity.valueOf(rs.getString(11)), AlarmState.valueOf(rs.getString(12)), rs.getDouble(13),
        instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
