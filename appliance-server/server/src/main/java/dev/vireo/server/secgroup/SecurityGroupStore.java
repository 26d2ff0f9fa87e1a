package dev.vireo.server.secgroup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.server.http.Json;
import dev.vireo.server.inventory.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Security groups in the inventory, each in a region (ADR 0047); the rules as written, a JSON list. */
public final class SecurityGroupStore {
  private final Jdbi jdbi;

  public SecurityGroupStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<SecurityGroup> list() {
    return list(dev.vireo.server.http.RegionClause.ALL);
  }

  /** The groups of the caller's regions (ADR 0047), filtered in the query. */
  public List<SecurityGroup> list(dev.vireo.server.http.RegionClause scope) {
    String in = scope.sql("region_id", null);
    return jdbi.withHandle(h -> scope.bindTo(h.createQuery("SELECT * FROM security_groups"
        + (in == null ? "" : " WHERE " + in) + " ORDER BY created_at, id")).map((rs, c) -> map(rs)).list());
  }

  /** By id, else by name. */
  public Optional<SecurityGroup> resolve(String idOrName) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM security_groups WHERE id = :k OR name = :k ORDER BY"
        + " CASE WHEN id = :k THEN 0 ELSE 1 END").bind("k", idOrName).map((rs, c) -> map(rs)).findFirst());
  }

  public boolean nameTaken(Handle h, String name, String exceptId) {
    return h.createQuery("SELECT COUNT(*) FROM security_groups WHERE name = :n AND id <> :id").bind("n", name)
        .bind("id", exceptId).mapTo(Integer.class).one() > 0;
  }

  public void insert(Handle h, SecurityGroup g) {
    h.createUpdate("INSERT INTO security_groups (id, name, description, rules, created_at, region_id)"
            + " VALUES (:id, :n, :d, :r, :t, :region)")
        .bind("id", g.id()).bind("n", g.name()).bind("d", g.description()).bind("r", write(g.rules()))
        .bind("t", Rows.now()).bind("region", g.regionId()).execute();
  }

  public void update(Handle h, SecurityGroup g) {
    h.createUpdate("UPDATE security_groups SET name = :n, description = :d, rules = :r WHERE id = :id")
        .bind("id", g.id()).bind("n", g.name()).bind("d", g.description()).bind("r", write(g.rules())).execute();
  }

  public boolean delete(Handle h, String id) {
    return h.createUpdate("DELETE FROM security_groups WHERE id = :id").bind("id", id).execute() == 1;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  private static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SecurityGroup map(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return new SecurityGroup(rs.getString("id"), rs.getString("name"), rs.getString("description"),
          Json.MAPPER.readValue(rs.getString("rules"), new TypeReference<List<SecurityGroupRule>>() {}),
          Rows.instant(rs, "created_at"), rs.getString("region_id"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad JSON in the security_groups table", e);
    }
  }
}
