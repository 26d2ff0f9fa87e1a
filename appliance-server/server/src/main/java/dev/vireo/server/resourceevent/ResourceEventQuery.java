package dev.vireo.server.resourceevent;

import dev.vireo.api.model.ResourceEventLevel;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A filter over resource events: region, resource type and id, levels (any of), event type
 * (case-insensitive), and a time range of at most the retention that an event's occurrences
 * overlap ({@code lastAt >= from}, {@code firstAt < to}); the range defaults to the last 24 hours.
 */
public record ResourceEventQuery(String regionId, String resourceType, String resourceId,
    Set<ResourceEventLevel> levels, String eventType, Instant from, Instant to,
    dev.vireo.server.http.RegionClause scope) {
  /** How long events are kept and how far back a query may reach: the operation log's half year. */
  public static final Duration RETENTION = Duration.ofDays(183);
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  static final Set<String> RESOURCE_TYPES = Set.of("vm", "node");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9 ._-]{1,80}");

  public ResourceEventQuery {
    levels = levels == null || levels.isEmpty() ? Set.of() : Set.copyOf(levels);
    scope = scope == null ? dev.vireo.server.http.RegionClause.ALL : scope;
  }

  /** A query over every region (the server's own reads). */
  public ResourceEventQuery(String regionId, String resourceType, String resourceId, Set<ResourceEventLevel> levels,
      String eventType, Instant from, Instant to) {
    this(regionId, resourceType, resourceId, levels, eventType, from, to, dev.vireo.server.http.RegionClause.ALL);
  }

  /** Everything of {@code [from, to)}. */
  public static ResourceEventQuery between(Instant from, Instant to) {
    return new ResourceEventQuery(null, null, null, Set.of(), null, from, to);
  }

  public static ResourceEventQuery from(Request r) {
    Instant to = r.queryInstant("to", Instant.now());
    Instant from = r.queryInstant("from", to.minus(DEFAULT_RANGE));
    if (!from.isBefore(to)) {
      throw ApiException.invalid("from", "must be before to (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(RETENTION) > 0) {
      throw ApiException.invalid("from", "the range may span at most " + RETENTION.toDays()
          + " days, the retention of resource events");
    }
    String type = optional(r, "resourceType", ID, "must be vm or node");
    if (type != null) {
      type = type.toLowerCase(Locale.ROOT);
      if (!RESOURCE_TYPES.contains(type)) {
        throw ApiException.invalid("resourceType", "must be vm or node");
      }
    }
    return new ResourceEventQuery(optional(r, "regionId", ID, "must be 1-40 letters, digits or . _ -"), type,
        optional(r, "resourceId", ID, "must be 1-40 letters, digits or . _ -"), Set.copyOf(r.queryEnums("level", ResourceEventLevel.class)),
        optional(r, "eventType", EVENT_TYPE, "must be 1-80 letters, digits, spaces or . _ -"), from, to,
        dev.vireo.server.http.RegionClause.of(r));
  }

  private static String optional(Request r, String field, Pattern rule, String message) {
    String v = r.query(field);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (!rule.matcher(v.strip()).matches()) {
      throw ApiException.invalid(field, message);
    }
    return v.strip();
  }

  /** The WHERE clause (bound by {@link #bindTo}). */
  String where() {
    StringJoiner w = new StringJoiner(" AND ", " WHERE ", "");
    w.add("last_at >= :from AND first_at < :to");
    if (regionId != null) {
      w.add("region_id = :region");
    }
    if (resourceType != null) {
      w.add("resource_type = :rtype");
    }
    if (resourceId != null) {
      w.add("resource_id = :rid");
    }
    if (!levels.isEmpty()) {
      StringJoiner in = new StringJoiner(", ", "level IN (", ")");
      for (ResourceEventLevel l : sortedLevels()) {
        in.add(":l_" + l.name());
      }
      w.add(in.toString());
    }
    if (eventType != null) {
      w.add("LOWER(event_type) = :etype");
    }
    String inScope = scope.sql("region_id", null);
    if (inScope != null) {
      w.add(inScope);
    }
    return w.toString();
  }

  <T extends SqlStatement<T>> T bindTo(T statement) {
    statement.bind("from", ResourceEventLog.utc(from)).bind("to", ResourceEventLog.utc(to));
    scope.bindTo(statement);
    if (regionId != null) {
      statement.bind("region", regionId);
    }
    if (resourceType != null) {
      statement.bind("rtype", resourceType);
    }
    if (resourceId != null) {
      statement.bind("rid", resourceId);
    }
    for (ResourceEventLevel l : sortedLevels()) {
      statement.bind("l_" + l.name(), l.name());
    }
    if (eventType != null) {
      statement.bind("etype", eventType.toLowerCase(Locale.ROOT));
    }
    return statement;
  }

  private List<ResourceEventLevel> sortedLevels() {
    List<ResourceEventLevel> sorted = new ArrayList<>(levels);
    sorted.sort(null);
    return sorted;
  }
}
