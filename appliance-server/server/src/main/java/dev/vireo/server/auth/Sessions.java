package dev.vireo.server.auth;

import dev.vireo.api.model.LoginResponse;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Logins and bearer tokens. Tokens are random, stored only as SHA-256 hashes (a database leak
 * yields no usable token), survive restarts, and are checked from memory on each request.
 */
public final class Sessions implements Authenticator {
  private record Session(String username, Instant expiresAt) {}

  /** Verified against when the user is unknown: one PBKDF2 per login, whoever logs in. */
  private static final String TIMING_EQUALISER = PasswordHasher.hash("timing-equaliser");

  private final Jdbi jdbi;
  private final Duration ttl;
  private final Map<String, Session> cache = new ConcurrentHashMap<>();

  public Sessions(Jdbi jdbi, Duration ttl) {
    this.jdbi = jdbi;
    this.ttl = ttl;
  }

  /** Creates the built-in administrator on first start; returns its password then, else empty. */
  public Optional<String> ensureAdmin(String username) {
    boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admins WHERE username = :u")
        .bind("u", username).mapTo(Integer.class).one() > 0);
    if (exists) {
      return Optional.empty();
    }
    String password = SecretFiles.randomPassword(20);
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO admins (username, password_hash, created_at) VALUES (:u, :p, :t)")
        .bind("u", username).bind("p", PasswordHasher.hash(password)).bind("t", OffsetDateTime.now(ZoneOffset.UTC))
        .execute());
    return Optional.of(password);
  }

  /** Empty when the user or password is wrong (which of the two is not told). */
  public Optional<LoginResponse> login(String username, String password) {
    Optional<String> stored = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM admins WHERE username = :u")
        .bind("u", username).mapTo(String.class).findOne());
    // Verify even for unknown users so response time does not reveal which names exist.
    String hash = stored.orElse(TIMING_EQUALISER);
    if (!PasswordHasher.verify(password, hash) || stored.isEmpty()) {
      return Optional.empty();
    }
    String token = SecretFiles.randomHex(32);
    Instant expires = Instant.now().plus(ttl);
    jdbi.useHandle(h -> h.createUpdate(
            "INSERT INTO sessions (token_hash, username, expires_at, created_at) VALUES (:h, :u, :e, :c)")
        .bind("h", sha256(token)).bind("u", username).bind("e", OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))
        .bind("c", OffsetDateTime.now(ZoneOffset.UTC)).execute());
    return Optional.of(new LoginResponse(token, expires, username));
  }

  public void logout(String authorizationHeader) {
    String token = bearer(authorizationHeader);
    if (token != null) {
      String hash = sha256(token);
      cache.remove(hash);
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :h").bind("h", hash).execute());
    }
  }

  @Override
  public String authenticate(String authorizationHeader) {
    String token = bearer(authorizationHeader);
    if (token == null) {
      return null;
    }
    String hash = sha256(token);
    Session s = cache.get(hash);
    if (s == null) {
      s = jdbi.withHandle(h -> h.createQuery("SELECT username, expires_at FROM sessions WHERE token_hash = :h")
          .bind("h", hash)
          .map((rs, ctx) -> new Session(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
          .findOne().orElse(null));
      if (s == null) {
        return null;
      }
      cache.put(hash, s);
    }
    if (Instant.now().isAfter(s.expiresAt())) {
      cache.remove(hash);
      return null;
    }
    return s.username();
  }

  static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() || token.length() > 256 ? null : token;
  }

  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
