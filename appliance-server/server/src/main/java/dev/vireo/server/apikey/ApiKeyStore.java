package dev.vireo.server.apikey;

import dev.vireo.api.model.ApiKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * API key pairs in the {@code api_keys} table, their secrets sealed; the verifying side reads keys
 * from a cache dropped on every write. Deleting an account deletes its keys (foreign key cascade).
 */
public final class ApiKeyStore {
  /** A stored key with its opened secret (never answered, never logged). */
  record Stored(String accessKey, String accountId, String description, boolean enabled, Instant createdAt,
      Instant lastUsedAt, String secret) {
    ApiKey answer() {
      return new ApiKey(accessKey, accountId, description, enabled, createdAt, lastUsedAt, null);
    }
  }

  private static final String COLUMNS = "access_key, account_id, description, enabled, created_at, last_used_at,"
      + " secret_sealed";
  private final Jdbi jdbi;
  private final SecretSealer sealer;
  private final Map<String, Optional<Stored>> cache = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastStored = new ConcurrentHashMap<>();

  public ApiKeyStore(Jdbi jdbi, SecretSealer sealer) {
    this.jdbi = jdbi;
    this.sealer = sealer;
  }

  void insert(Stored k) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") VALUES (:k, :a, :d, :e, :c, NULL, :s)")
        .bind("k", k.accessKey()).bind("a", k.accountId()).bind("d", k.description()).bind("e", k.enabled())
        .bind("c", utc(k.createdAt())).bind("s", sealer.seal(k.secret(), k.accessKey())).execute());
    cache.clear();
  }

  List<Stored> ofAccount(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE account_id = :a"
        + " ORDER BY created_at, access_key").bind("a", accountId).map((rs, ctx) -> row(rs)).list());
  }

  int countOf(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE account_id = :a")
        .bind("a", accountId).mapTo(Integer.class).one());
  }

  /** The key, from the cache of the verifying side. */
  Optional<Stored> get(String accessKey) {
    Optional<Stored> cached = cache.get(accessKey);
    if (cached != null) {
      return cached;
    }
    Optional<Stored> found = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
        + " FROM api_keys WHERE access_key = :k").bind("k", accessKey).map((rs, ctx) -> row(rs)).findOne());
    // unknown keys are not cached: made-up access keys must not grow the cache
    found.ifPresent(k -> cache.put(accessKey, found));
    return found;
  }

  void setEnabled(String accessKey, boolean enabled) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET enabled = :e WHERE access_key = :k")
        .bind("e", enabled).bind("k", accessKey).execute());
    cache.clear();
  }

  void delete(String accessKey) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE access_key = :k").bind("k", accessKey).execute());
    cache.clear();
  }

  /** Notes a use; reaches the database at most once a minute per key. */
  void used(String accessKey, Instant now) {
    Instant before = lastStored.get(accessKey);
    if (before == null || !before.plusSeconds(60).isAfter(now)) {
      lastStored.put(accessKey, now);
      jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :t WHERE access_key = :k")
          .bind("t", utc(now)).bind("k", accessKey).execute());
      cache.remove(accessKey);
    }
  }

  private Stored row(java.sql.ResultSet rs) throws java.sql.SQLException {
    OffsetDateTime used = rs.getObject("last_used_at", OffsetDateTime.class);
    String key = rs.getString("access_key");
    return new Stored(key, rs.getString("account_id"), rs.getString("description"), rs.getBoolean("enabled"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), used == null ? null : used.toInstant(),
        sealer.open(rs.getString("secret_sealed"), key));
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
