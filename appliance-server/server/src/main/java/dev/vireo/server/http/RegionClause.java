package dev.vireo.server.http;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The SQL condition limiting a list query to the caller's regions (ADR 0039): nothing for a
 * SYSTEM account, {@code column IN (its regions)} for a REGION account, optionally widened to the
 * rows it made itself ({@code selfColumn = its login}: its own logins and account changes, which
 * lie in no region).
 */
public record RegionClause(List<String> regions, String self) {
  public static final RegionClause ALL = new RegionClause(null, null);

  public static RegionClause of(Request r) {
    return r.regions() == null ? ALL : of(r.regions(), r.username());
  }

  public static RegionClause of(Set<String> regions, String self) {
    return new RegionClause(regions.stream().sorted().toList(), self);
  }

  /** {@code (:scope_region0, …)}: the regions as an SQL list to use in any number of IN conditions; null for all. */
  public String list() {
    if (regions == null) {
      return null;
    }
    if (regions.isEmpty()) {
      return "(NULL)";
    }
    StringJoiner names = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < regions.size(); i++) {
      names.add(":scope_region" + i);
    }
    return names.toString();
  }

  /** The condition (to AND into a WHERE clause), or null when the caller sees every region. */
  public String sql(String column, String selfColumn) {
    if (regions == null) {
      return null;
    }
    String in = regions.isEmpty() ? "1 = 0" : column + " IN " + list();
    return selfColumn == null || self == null ? in : "(" + in + " OR " + selfColumn + " = :scope_self)";
  }

  public <T extends SqlStatement<T>> T bindTo(T statement) {
    if (regions != null) {
      for (int i = 0; i < regions.size(); i++) {
        statement.bind("scope_region" + i, regions.get(i));
      }
      if (self != null) {
        statement.bind("scope_self", self);
      }
    }
    return statement;
  }
}
