package dev.vireo.server.auth;

import dev.vireo.api.model.AccountScope;
import dev.vireo.api.model.AccountState;
import dev.vireo.api.model.LoginResponse;
import dev.vireo.api.model.SecuritySettings;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Authenticator;
import dev.vireo.server.http.RequestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Logins and bearer tokens. Tokens are random, stored only as SHA-256 hashes (a database leak
 * yields no usable token), survive restarts, and are checked from memory on each request. The
 * console security settings (white paper 7.1) apply here: lockout after repeated failures,
 * password expiry and rules forcing a change, idle logout and single-session login.
 */
public final class Sessions implements Authenticator {
  /** A token's account, expiry and last use (idle logout); the last use reaches the database once a minute. */
  private static final class Session {
    final String accountId;
    final String login;
    final Instant expiresAt;
    volatile Instant lastUsed;
    volatile Instant lastStored;

    Session(String accountId, String login, Instant expiresAt, Instant lastUsed) {
      this.accountId = accountId;
      this.login = login;
      this.expiresAt = expiresAt;
      this.lastUsed = lastUsed;
      this.lastStored = lastUsed;
    }
  }

  /** Verified against when the user is unknown: one PBKDF2 per login, whoever logs in. */
  private static final String TIMING_EQUALISER = PasswordHasher.hash("timing-equaliser");

  private final Jdbi jdbi;
  private final Duration ttl;
  private final AccountStore accounts;
  private final SecuritySettingsStore settings;
  private final Clock clock;
  private final Map<String, Session> cache = new ConcurrentHashMap<>();
  private volatile dev.vireo.server.auth.twofactor.TwoFactor twoFactor;
  private volatile dev.vireo.server.auth.allowlist.IpAllowLists allowLists;

  public Sessions(Jdbi jdbi, Duration ttl, AccountStore accounts, SecuritySettingsStore settings, Clock clock) {
    this.jdbi = jdbi;
    this.ttl = ttl;
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
  }

  /** The login checks past the password (ADR 0041): the IP allow-list, then the second factor. */
  public Sessions useLoginChecks(dev.vireo.server.auth.twofactor.TwoFactor twoFactor,
      dev.vireo.server.auth.allowlist.IpAllowLists allowLists) {
    this.twoFactor = twoFactor;
    this.allowLists = allowLists;
    return this;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public SecuritySettingsStore settings() {
    return settings;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Creates the built-in administrator on first start; returns its password then, else empty. */
  public Optional<String> ensureAdmin(String username) {
    if (accounts.byLogin(username).isPresent()) {
      return Optional.empty();
    }
    String password = SecretFiles.randomPassword(20);
    Instant now = now();
    accounts.insert(new AccountStore.Row("acc-" + username, username, null, username, AccountScope.SYSTEM, false,
        AccountState.ACTIVE, true, PasswordHasher.hash(password), now, false, 0, null, now, List.of(),
        List.of(RoleCatalog.SYSTEM_ADMIN)));
    return Optional.of(password);
  }

  /**
   * Empty when the login or password is wrong (which of the two is not told); 401 for a locked
   * or (with the right password) frozen account.
   */
  public Optional<LoginResponse> login(String login, String password) {
    return login(login, password, null, null, null);
  }

  /**
   * A login from {@code source} (null: unknown); an account with an IP allow-list is refused 403
   * elsewhere, one with two-factor authentication needs {@code totpCode} or {@code recoveryCode}
   * (401 naming what is missing or wrong; a wrong one counts as a failed login).
   */
  public Optional<LoginResponse> login(String login, String password, String totpCode, String recoveryCode,
      java.net.InetAddress source) {
    Optional<AccountStore.Row> stored = accounts.byLogin(login);
    // Verify even for unknown users so response time does not reveal which names exist.
    boolean verified = PasswordHasher.verify(password, stored.map(AccountStore.Row::passwordHash)
        .orElse(TIMING_EQUALISER));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    AccountStore.Row a = stored.get();
    SecuritySettings s = settings.get();
    Instant now = now();
    if (a.lockedUntil() != null && now.isBefore(a.lockedUntil())) {
      throw new ApiException(401, "locked", null, "the account is locked after " + s.lockoutThreshold()
          + " failed logins until " + a.lockedUntil());
    }
    if (!verified) {
      accounts.loginFailed(a.id(), s.lockoutThreshold(),
          s.lockoutEnabled() ? now.plus(Duration.ofMinutes(s.lockoutMinutes())) : null);
      return Optional.empty();
    }
    if (a.state() == AccountState.FROZEN) {
      throw new ApiException(401, "frozen", null, "the account is frozen");
    }
    if (allowLists != null) {
      allowLists.check(a.id(), a.login(), source);
    }
    if (twoFactor != null) {
      try {
        twoFactor.verifyLogin(a.id(), totpCode, recoveryCode);
      } catch (ApiException e) {
        if (!e.code().equals("totp_required")) {
          accounts.loginFailed(a.id(), s.lockoutThreshold(),
              s.lockoutEnabled() ? now.plus(Duration.ofMinutes(s.lockoutMinutes())) : null);
        }
        throw e;
      }
    }
    accounts.loginSucceeded(a.id());
    boolean expired = a.passwordChangedAt().plus(Duration.ofDays(s.passwordExpiryDays())).isBefore(now);
    boolean mustChange = a.mustChangePassword()
        || (expired && s.forceChangeOnExpiry())
        || (s.forceChangeNonCompliant() && PasswordPolicy.violation(password, s) != null);
    if (mustChange && !a.mustChangePassword()) {
      accounts.setMustChangePassword(a.id());
    }
    if (s.singleSession()) {
      revokeAll(a.id(), null); // the newest login wins; the other clients are logged out
    }
    String token = SecretFiles.randomHex(32);
    Instant expires = now.plus(ttl);
    String ip = source == null ? null : source.getHostAddress();
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions (token_hash, username, account_id, expires_at,"
            + " created_at, last_used_at, source_ip) VALUES (:h, :u, :a, :e, :c, :c, :ip)")
        .bind("h", sha256(token)).bind("u", a.login()).bind("a", a.id()).bind("e", utc(expires))
        .bind("c", utc(now)).bind("ip", ip).execute());
    return Optional.of(new LoginResponse(token, expires, a.login(), mustChange));
  }

  /**
   * The account signing in on the OAuth provider's form (ADR 0043): every login rule applies
   * (lockout, two-factor, IP allow-list, frozen); the session the login opens is closed at once.
   */
  public Optional<AccountStore.Row> checkPassword(String login, String password, String totpCode,
      java.net.InetAddress source) {
    Optional<LoginResponse> r = login(login, password, totpCode, null, source);
    r.ifPresent(x -> logout("Bearer " + x.token()));
    return r.flatMap(x -> accounts.byLogin(x.username()));
  }

  public void logout(String authorizationHeader) {
    String token = bearer(authorizationHeader);
    if (token != null) {
      revoke(sha256(token));
    }
  }

  private void revoke(String hash) {
    cache.remove(hash);
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :h").bind("h", hash).execute());
  }

  /** Revokes every token of an account but the one presented in {@code keepHeader} (null: all). */
  public void revokeAll(String accountId, String keepHeader) {
    String keepToken = bearer(keepHeader);
    String keep = keepToken == null ? "" : sha256(keepToken);
    cache.entrySet().removeIf(e -> e.getValue().accountId.equals(accountId) && !e.getKey().equals(keep));
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE account_id = :a AND token_hash <> :k")
        .bind("a", accountId).bind("k", keep).execute());
  }

  /** A session's public id: the first 16 hex digits of its token's hash (never the token). */
  static final int SESSION_ID_LENGTH = 16;

  /** The account's sessions, newest first; {@code callerHeader}'s own is marked current. */
  public List<dev.vireo.api.model.SessionInfo> sessionsOf(String accountId, String callerHeader) {
    String own = bearer(callerHeader) == null ? "" : sha256(bearer(callerHeader));
    Instant now = now();
    Duration idle = Duration.ofMinutes(settings.get().idleTimeoutMinutes());
    return jdbi.withHandle(h -> h.createQuery("SELECT token_hash, created_at, last_used_at, expires_at, source_ip"
            + " FROM sessions WHERE account_id = :a ORDER BY created_at DESC").bind("a", accountId)
        .map((rs, c) -> {
          String hash = rs.getString(1);
          Session cached = cache.get(hash);
          Instant last = cached != null ? cached.lastUsed : rs.getObject(3, OffsetDateTime.class).toInstant();
          return new dev.vireo.api.model.SessionInfo(hash.substring(0, SESSION_ID_LENGTH),
              rs.getObject(2, OffsetDateTime.class).toInstant(), last,
              rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), hash.equals(own));
        }).list()).stream().filter(si -> now.isBefore(si.expiresAt()) && !now.isAfter(si.lastUsedAt().plus(idle)))
        .toList();
  }

  /** Revokes one session of the account by its id; false when it has none such. */
  public boolean revokeSession(String accountId, String sessionId) {
    if (sessionId == null || !sessionId.matches("[0-9a-f]{" + SESSION_ID_LENGTH + "}")) {
      return false;
    }
    List<String> hashes = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM sessions WHERE account_id = :a")
        .bind("a", accountId).mapTo(String.class).list()).stream().filter(x -> x.startsWith(sessionId)).toList();
    hashes.forEach(this::revoke);
    return !hashes.isEmpty();
  }

  /** After the account's login changed: its tokens go on, now naming {@code newLogin}. */
  void renameSessions(String accountId, String newLogin) {
    cache.entrySet().removeIf(e -> e.getValue().accountId.equals(accountId));
    jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET username = :u WHERE account_id = :a")
        .bind("u", newLogin).bind("a", accountId).execute());
  }

  /** The caller's own password change: checks the current one and the rules, revokes its other tokens. */
  public void changePassword(String login, String authorizationHeader, String current, String next) {
    AccountStore.Row a = accounts.byLogin(login).orElseThrow(() -> new ApiException(401, "unauthorized", null,
        "the account no longer exists"));
    if (current == null || current.isEmpty()) {
      throw ApiException.invalid("currentPassword", "is required");
    }
    if (!PasswordHasher.verify(current, a.passwordHash())) {
      throw ApiException.invalid("currentPassword", "is not the account's password");
    }
    PasswordPolicy.check("newPassword", next, settings.get());
    if (next.equals(current)) {
      throw ApiException.invalid("newPassword", "must differ from the current password");
    }
    accounts.setPassword(a.id(), PasswordHasher.hash(next), now(), false);
    revokeAll(a.id(), authorizationHeader);
  }

  /** The login of a bearer token's account; a signed request is not a session's (null). */
  @Override
  public String authenticate(RequestCredentials credentials) {
    return authenticate(credentials.authorization());
  }

  public String authenticate(String authorizationHeader) {
    String token = bearer(authorizationHeader);
    if (token == null) {
      return null;
    }
    String hash = sha256(token);
    Session s = cache.get(hash);
    if (s == null) {
      s = jdbi.withHandle(h -> h.createQuery("SELECT account_id, username, expires_at, last_used_at FROM sessions"
              + " WHERE token_hash = :h")
          .bind("h", hash)
          .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2),
              rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant()))
          .findOne().orElse(null));
      if (s == null) {
        return null;
      }
      cache.put(hash, s);
    }
    Instant now = now();
    Duration idle = Duration.ofMinutes(settings.get().idleTimeoutMinutes());
    if (now.isAfter(s.expiresAt) || now.isAfter(s.lastUsed.plus(idle))) {
      revoke(hash);
      return null;
    }
    s.lastUsed = now;
    if (Duration.between(s.lastStored, now).toSeconds() >= 60) {
      s.lastStored = now;
      jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET last_used_at = :t WHERE token_hash = :h")
          .bind("t", utc(now)).bind("h", hash).execute());
    }
    return s.login;
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** The token of a {@code Bearer} header, or null. */
  public static String bearer(String header) {
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
