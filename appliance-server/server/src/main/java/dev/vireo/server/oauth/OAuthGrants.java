package dev.vireo.server.oauth;

import dev.vireo.server.auth.Sessions;
import dev.vireo.server.config.SecretFiles;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Authorization codes and tokens (ADR 0043), every one a random value stored only as its SHA-256:
 * codes are single-use and live 60 s; access tokens are opaque and live an hour; a refresh token
 * is replaced at each use, and presenting a used one again revokes its whole family (every token
 * issued from the same code, RFC 6819 5.2.2.3), as does replaying a code.
 */
final class OAuthGrants {
  static final Duration CODE_TTL = Duration.ofSeconds(60);
  static final Duration ACCESS_TTL = Duration.ofHours(1);
  static final Duration REFRESH_TTL = Duration.ofDays(30);
  /** Prefixes tell an OAuth token from a console session token without a lookup. */
  static final String ACCESS_PREFIX = "voa_";
  static final String REFRESH_PREFIX = "vor_";

  /** A code's grant: who approved what for which client. */
  record Code(String clientId, String accountId, String redirectUri, String scope, String nonce,
      String codeChallenge, String familyId, Instant expiresAt) {}

  /** A live token. */
  record Token(String kind, String clientId, String accountId, String scope, String familyId) {}

  /** What the token endpoint answers. */
  record Issued(String accessToken, String refreshToken, String scope) {}

  private final Jdbi jdbi;
  private final Sessions clock;

  OAuthGrants(Jdbi jdbi, Sessions clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  String newCode(String clientId, String accountId, String redirectUri, String scope, String nonce,
      String codeChallenge) {
    String code = SecretFiles.randomHex(32);
    Instant now = clock.now();
    jdbi.useHandle(h -> {
      h.createUpdate("DELETE FROM oauth_codes WHERE expires_at < :t").bind("t", utc(now.minus(CODE_TTL))).execute();
      h.createUpdate("INSERT INTO oauth_codes (code_hash, client_id, account_id, redirect_uri, scope, nonce,"
              + " code_challenge, family_id, used, expires_at) VALUES (:h, :c, :a, :r, :s, :n, :p, :f, FALSE, :e)")
          .bind("h", Sessions.sha256(code)).bind("c", clientId).bind("a", accountId).bind("r", redirectUri)
          .bind("s", scope).bind("n", nonce).bind("p", codeChallenge).bind("f", "fam-" + SecretFiles.randomHex(16))
          .bind("e", utc(now.plus(CODE_TTL))).execute();
    });
    return code;
  }

  /**
   * Marks a code used and returns its grant; a code already used revokes what was issued for it
   * (RFC 6749 4.1.2) and fails, as does an unknown or expired one.
   */
  Code redeem(String code) {
    String hash = Sessions.sha256(code);
    return jdbi.inTransaction(h -> {
      Optional<Code> found = h.createQuery("SELECT client_id, account_id, redirect_uri, scope, nonce, code_challenge,"
              + " family_id, expires_at FROM oauth_codes WHERE code_hash = :h").bind("h", hash)
          .map((rs, ctx) -> new Code(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
          .findOne();
      if (found.isEmpty()) {
        throw OAuthException.invalidGrant("the authorization code is unknown or expired");
      }
      if (h.createUpdate("UPDATE oauth_codes SET used = TRUE WHERE code_hash = :h AND used = FALSE")
          .bind("h", hash).execute() == 0) {
        revokeFamily(h, found.get().familyId());
        return null;
      }
      if (clock.now().isAfter(found.get().expiresAt())) {
        throw OAuthException.invalidGrant("the authorization code has expired");
      }
      return found.get();
    });
  }

  /** An access token, and a refresh token when {@code withRefresh}, of one family. */
  Issued issue(String clientId, String accountId, String scope, String familyId, boolean withRefresh) {
    return jdbi.inTransaction(h -> {
      // expired tokens are dead: dropping them keeps the table to the live ones
      h.createUpdate("DELETE FROM oauth_tokens WHERE expires_at < :t").bind("t", utc(clock.now())).execute();
      return issue(h, clientId, accountId, scope, familyId, withRefresh);
    });
  }

  private Issued issue(Handle h, String clientId, String accountId, String scope, String familyId,
      boolean withRefresh) {
    String access = ACCESS_PREFIX + SecretFiles.randomHex(32);
    insert(h, access, "ACCESS", clientId, accountId, scope, familyId, ACCESS_TTL);
    String refresh = null;
    if (withRefresh) {
      refresh = REFRESH_PREFIX + SecretFiles.randomHex(32);
      insert(h, refresh, "REFRESH", clientId, accountId, scope, familyId, REFRESH_TTL);
    }
    return new Issued(access, refresh, scope);
  }

  /**
   * Rotates a refresh token of {@code clientId}: the old one is used up and a new pair issued. A
   * used (replayed) refresh token revokes its family; null is then answered for the caller to refuse.
   */
  Issued refresh(String refreshToken, String clientId) {
    String hash = Sessions.sha256(refreshToken);
    return jdbi.inTransaction(h -> {
      Optional<Token> t = find(h, hash, true);
      if (t.isEmpty() || !t.get().kind().equals("REFRESH") || !t.get().clientId().equals(clientId)) {
        throw OAuthException.invalidGrant("the refresh token is unknown, expired or revoked");
      }
      if (h.createUpdate("UPDATE oauth_tokens SET used = TRUE WHERE token_hash = :h AND used = FALSE"
          + " AND revoked = FALSE").bind("h", hash).execute() == 0) {
        revokeFamily(h, t.get().familyId());
        return null;
      }
      return issue(h, clientId, t.get().accountId(), t.get().scope(), t.get().familyId(), true);
    });
  }

  /** A live (unexpired, unrevoked, and for refresh tokens unused) token. */
  Optional<Token> live(String token) {
    return jdbi.withHandle(h -> find(h, Sessions.sha256(token), false));
  }

  /** RFC 7009: revokes a token of {@code clientId}; a refresh token takes its family with it. */
  void revoke(String token, String clientId) {
    String hash = Sessions.sha256(token);
    jdbi.useHandle(h -> find(h, hash, true).filter(t -> t.clientId().equals(clientId)).ifPresent(t -> {
      if (t.kind().equals("REFRESH")) {
        revokeFamily(h, t.familyId());
      } else {
        h.createUpdate("UPDATE oauth_tokens SET revoked = TRUE WHERE token_hash = :h").bind("h", hash).execute();
      }
    }));
  }

  /** {@code includeUsed}: also a used (but not revoked) refresh token, to detect its replay. */
  private Optional<Token> find(Handle h, String hash, boolean includeUsed) {
    return h.createQuery("SELECT kind, client_id, account_id, scope, family_id FROM oauth_tokens WHERE token_hash = :h"
            + " AND revoked = FALSE AND expires_at > :now" + (includeUsed ? "" : " AND used = FALSE"))
        .bind("h", hash).bind("now", utc(clock.now()))
        .map((rs, ctx) -> new Token(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .findOne();
  }

  private static void revokeFamily(Handle h, String familyId) {
    h.createUpdate("UPDATE oauth_tokens SET revoked = TRUE WHERE family_id = :f").bind("f", familyId).execute();
  }

  private void insert(Handle h, String token, String kind, String clientId, String accountId, String scope,
      String familyId, Duration ttl) {
    Instant now = clock.now();
    h.createUpdate("INSERT INTO oauth_tokens (token_hash, kind, client_id, account_id, scope, family_id, used, revoked,"
            + " expires_at, created_at) VALUES (:h, :k, :c, :a, :s, :f, FALSE, FALSE, :e, :n)")
        .bind("h", Sessions.sha256(token)).bind("k", kind).bind("c", clientId).bind("a", accountId)
        .bind("s", scope).bind("f", familyId).bind("e", utc(now.plus(ttl))).bind("n", utc(now)).execute();
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
