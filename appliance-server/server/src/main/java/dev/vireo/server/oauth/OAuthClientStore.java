package dev.vireo.server.oauth;

import dev.vireo.api.model.OAuthClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Registered OAuth clients; a confidential client's secret is kept as its SHA-256 hash only. */
public final class OAuthClientStore {
  /** A client with the hash of its secret (null for a public client). */
  record Row(OAuthClient client, String secretHash) {}

  private static final String COLUMNS = "id, name, confidential, secret_hash, redirect_uris, grant_types, scopes,"
      + " account_id, created_at";
  private final Jdbi jdbi;

  public OAuthClientStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void insert(OAuthClient c, String secretHash) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO oauth_clients (" + COLUMNS + ") VALUES (:id, :name, :conf,"
            + " :secret, :uris, :grants, :scopes, :account, :created)")
        .bind("id", c.id()).bind("name", c.name()).bind("conf", c.confidential()).bind("secret", secretHash)
        .bind("uris", String.join("\n", c.redirectUris())).bind("grants", String.join(" ", c.grantTypes()))
        .bind("scopes", String.join(" ", c.scopes())).bind("account", c.accountId())
        .bind("created", OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC)).execute());
  }

  Optional<Row> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM oauth_clients WHERE id = :id")
        .bind("id", id).map(OAuthClientStore::row).findOne());
  }

  List<OAuthClient> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM oauth_clients ORDER BY created_at, id")
        .map(OAuthClientStore::row).list()).stream().map(Row::client).toList();
  }

  /** Deletes a client with its codes and tokens; false when there was none. */
  boolean delete(String id) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM oauth_tokens WHERE client_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM oauth_codes WHERE client_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM oauth_clients WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  private static Row row(java.sql.ResultSet rs, StatementContext ctx) throws java.sql.SQLException {
    Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
    return new Row(new OAuthClient(rs.getString("id"), rs.getString("name"), rs.getBoolean("confidential"),
        split(rs.getString("redirect_uris"), "\n"), split(rs.getString("grant_types"), " "),
        split(rs.getString("scopes"), " "), rs.getString("account_id"), created), rs.getString("secret_hash"));
  }

  private static List<String> split(String s, String sep) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(sep));
  }
}
