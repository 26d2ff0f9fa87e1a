package dev.vireo.server.oplog;

import dev.vireo.api.model.OperationResult;
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

/**
 * A filter over the operation log: modules (any of), result, operator, operation, a resource it
 * touched, and a time range of at most the retention (the white paper's half year); the range
 * defaults to the last hour. A REGION account sees the entries of its regions and its own (ADR 0039).
 */
public record OperationLogQuery(List<String> modules, OperationResult result, String operator, String operation,
    String resource, Instant from, Instant to, dev.vireo.server.http.RegionClause scope) {
  /** How long entries are kept and how far back a query may reach: the white paper's half year. */
  public static final Duration RETENTION = Duration.ofDays(183);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@{}/ -]{1,320}");

  public static OperationLogQuery from(Request r) {
    Instant to = r.queryInstant("to", Instant.now());
    Instant from = r.queryInstant("from", to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw ApiException.invalid("from", "must be before to (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(RETENTION) > 0) {
      throw ApiException.invalid("from", "the range may span at most " + RETENTION.toDays()
          + " days, the log's retention");
    }
    List<String> modules = new ArrayList<>();
    String m = r.query("module");
    if (m != null && !m.isBlank()) {
      for (String one : m.split(",")) {
        modules.add(name(one.strip(), "module"));
      }
    }
    OperationResult result = null;
    String res = r.query("result");
    if (res != null && !res.isBlank()) {
      try {
        result = OperationResult.valueOf(res.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("result", "must be one of " + Set.of(OperationResult.values()));
      }
    }
    return new OperationLogQuery(List.copyOf(modules), result, optional(r, "operator"), optional(r, "operation"),
        optional(r, "resource"), from, to, dev.vireo.server.http.RegionClause.of(r));
  }

  private static String optional(Request r, String field) {
    String v = r.query(field);
    return v == null || v.isBlank() ? null : name(v.strip(), field);
  }

  private static String name(String v, String field) {
    if (!NAME.matcher(v).matches()) {
      throw ApiException.invalid(field, "must be 1-320 letters, digits or . _ @ - / { } and spaces");
    }
    return v;
  }


  /** The WHERE clause (bound by {@link #bindTo}). */
  String where() {
    StringJoiner w = new StringJoiner(" AND ", " WHERE ", "");
    w.add("occurred_at >= :from AND occurred_at < :to");
    if (!modules.isEmpty()) {
      StringJoiner in = new StringJoiner(", ", "module IN (", ")");
      for (int i = 0; i < modules.size(); i++) {
        in.add(":m" + i);
      }
      w.add(in.toString());
    }
    if (result != null) {
      w.add("result = :result");
    }
    if (operator != null) {
      w.add("operator = :operator");
    }
    if (operation != null) {
      w.add("operation = :operation");
    }
    if (resource != null) {
      w.add("LOCATE(:resource, ',' || resources || ',') > 0");
    }
    String inScope = scope.sql("region_id", "operator");
    if (inScope != null) {
      w.add(inScope);
    }
    return w.toString();
  }

  <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindTo(T statement) {
    statement.bind("from", OperationLog.utc(from)).bind("to", OperationLog.utc(to));
    for (int i = 0; i < modules.size(); i++) {
      statement.bind("m" + i, modules.get(i));
    }
    if (result != null) {
      statement.bind("result", result.name());
    }
    if (operator != null) {
      statement.bind("operator", operator);
    }
    if (operation != null) {
      statement.bind("operation", operation);
    }
    scope.bindTo(statement);
    if (resource != null) {
      statement.bind("resource", "," + resource + ",");
    }
    return statement;
  }
}
