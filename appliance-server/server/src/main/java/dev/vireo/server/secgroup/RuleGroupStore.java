package dev.vireo.server.secgroup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vireo.server.http.Json;
import dev.vireo.server.inventory.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Port groups or IP groups (one table each, same columns); entries as a JSON list. */
public final class RuleGroupStore {
  /** A stored group of either kind. */
  public record Row(String id, String name, String description, List<String> entries, Instant createdAt) {}

  private final Jdbi jdbi;
  private final String table;

  public RuleGroupStore(Jdbi jdbi, String table) {
    if (!table.equals("port_groups") && !table.equals("ip_groups")) {
      throw new IllegalArgumentException(table);
    }
    this.jdbi = jdbi;
    this.table = table;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public List<Row> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table + " ORDER BY created_at, id")
        .map((rs, c) -> map(rs)).list());
  }

  /** By id, else by name. */
  public Optional<Row> resolve(String idOrName) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table + " WHERE id = :k OR name = :k ORDER BY"
        + " CASE WHEN id = :k THEN 0 ELSE 1 END").bind("k", idOrName).map((rs, c) -> map(rs)).findFirst());
  }

  public boolean nameTaken(Handle h, String name, String exceptId) {
    return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE name = :n AND id <> :id").bind("n", name)
        .bind("id", exceptId).mapTo(Integer.class).one() > 0;
  }

  public void insert(Handle h, Row g) {
    h.createUpdate("INSERT INTO " + table + " (id, name, description, entries, created_at) VALUES (:id, :n, :d, :e, :t)")
        .bind("id", g.id()).bind("n", g.name()).bind("d", g.description()).bind("e", write(g.entries()))
        .bind("t", Rows.now()).execute();
  }

  public void update(Handle h, Row g) {
    h.createUpdate("UPDATE " + table + " SET name = :n, description = :d, entries = :e WHERE id = :id")
        .bind("id", g.id()).bind("n", g.name()).bind("d", g.description()).bind("e", write(g.entries())).execute();
  }

  public void delete(Handle h, String id) {
    h.createUpdate("DELETE FROM " + table + " WHERE id = :id").bind("id", id).execute();
  }

  private static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return new Row(rs.getString("id"), rs.getString("name"), rs.getString("description"),
          Json.MAPPER.readValue(rs.getString("entries"), new TypeReference<List<String>>() {}),
          Rows.instant(rs, "created_at"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad JSON in a rule group table", e);
    }
  }
}
