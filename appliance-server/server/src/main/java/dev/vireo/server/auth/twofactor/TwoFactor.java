package dev.vireo.server.auth.twofactor;

import dev.vireo.api.model.RecoveryCodes;
import dev.vireo.api.model.TotpEnrolment;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * TOTP two-factor authentication of accounts (white paper 5.2.2, ADR 0041): enrolment with a
 * sealed secret, confirmation by a first code that yields 10 one-time recovery codes (stored
 * hashed), the check at login (a code of the current step or one step either side, each step
 * usable once; or an unused recovery code), and turning it off.
 */
public final class TwoFactor {
  public static final String ISSUER = "Vireo";
  static final int RECOVERY_CODES = 10;
  /** How far back a code still counts as "expired" rather than "wrong" in the refusal. */
  private static final int EXPIRED_STEPS = 10;

  private final Jdbi jdbi;
  private final SecretSealer sealer;
  private final Clock clock;

  public TwoFactor(Jdbi jdbi, SecretSealer sealer, Clock clock) {
    this.jdbi = jdbi;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** Whether logins of the account need a second factor (a confirmed enrolment). */
  public boolean enabled(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_totp WHERE account_id = :a"
        + " AND confirmed").bind("a", accountId).mapTo(Integer.class).one() > 0);
  }

  /** Starts (or restarts) an enrolment; 409 when one is already confirmed. */
  public TotpEnrolment enrol(String accountId, String login) {
    if (enabled(accountId)) {
      throw ApiException.conflict("two-factor authentication is already on for " + login
          + " (turn it off first: POST /api/v1/auth/totp/disable)");
    }
    byte[] secret = Totp.newSecret();
    String sealed = sealer.seal(secret, accountId);
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM account_totp WHERE account_id = :a").bind("a", accountId).execute();
      h.createUpdate("INSERT INTO account_totp (account_id, secret_sealed, confirmed, last_step, created_at)"
          + " VALUES (:a, :s, FALSE, -1, :t)").bind("a", accountId).bind("s", sealed).bind("t", utc(clock.instant()))
          .execute();
    });
    String uri = Totp.uri(ISSUER, login, secret);
    return new TotpEnrolment(Totp.base32(secret), uri, QrCode.encode(uri).svg());
  }

  /** Confirms an enrolment with its first code; answers the recovery codes, shown this once. */
  public RecoveryCodes confirm(String accountId, String code) {
    Row row = row(accountId).orElseThrow(() -> ApiException.conflict(
        "no two-factor enrolment to confirm: start one with POST /api/v1/auth/totp"));
    if (row.confirmed()) {
      throw ApiException.conflict("two-factor authentication is already confirmed");
    }
    checkCode(accountId, row, code, "code");
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      String c = SecretFiles.randomPassword(10).toLowerCase(java.util.Locale.ROOT);
      codes.add(c.substring(0, 5) + "-" + c.substring(5));
    }
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE account_totp SET confirmed = TRUE WHERE account_id = :a").bind("a", accountId).execute();
      h.createUpdate("DELETE FROM account_recovery_codes WHERE account_id = :a").bind("a", accountId).execute();
      for (String c : codes) {
        h.createUpdate("INSERT INTO account_recovery_codes (account_id, code_hash) VALUES (:a, :h)")
            .bind("a", accountId).bind("h", hash(c)).execute();
      }
    });
    return new RecoveryCodes(codes);
  }

  /**
   * The second factor of a login whose password was right: a TOTP code or a recovery code. 401
   * saying what is missing, wrong, expired or already used.
   */
  public void verifyLogin(String accountId, String totpCode, String recoveryCode) {
    Row row = row(accountId).filter(Row::confirmed).orElse(null);
    if (row == null) {
      return;
    }
    if (recoveryCode != null && !recoveryCode.isBlank()) {
      String h = hash(recoveryCode.strip().toLowerCase(java.util.Locale.ROOT));
      int spent = jdbi.withHandle(x -> x.createUpdate("UPDATE account_recovery_codes SET used_at = :t"
          + " WHERE account_id = :a AND code_hash = :h AND used_at IS NULL").bind("t", utc(clock.instant()))
          .bind("a", accountId).bind("h", h).execute());
      if (spent != 1) {
        throw new ApiException(401, "recovery_code_invalid", "recoveryCode",
            "recoveryCode: not a recovery code of this account, or already used");
      }
      return;
    }
    if (totpCode == null || totpCode.isBlank()) {
      throw new ApiException(401, "totp_required", "totpCode", "this account has two-factor authentication:"
          + " send totpCode (the 6 digits of the authenticator app) or a recoveryCode");
    }
    checkCode(accountId, row, totpCode, "totpCode");
  }

  /** Turns two-factor authentication off and drops the recovery codes (own or an administrator's reset). */
  public boolean disable(String accountId) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM account_recovery_codes WHERE account_id = :a").bind("a", accountId).execute();
      return h.createUpdate("DELETE FROM account_totp WHERE account_id = :a").bind("a", accountId).execute() > 0;
    });
  }

  /** How many recovery codes are still unused. */
  public int recoveryCodesLeft(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_recovery_codes WHERE account_id = :a"
        + " AND used_at IS NULL").bind("a", accountId).mapTo(Integer.class).one());
  }

  private void checkCode(String accountId, Row row, String raw, String field) {
    String code = raw == null ? "" : raw.strip().replace(" ", "");
    if (!code.matches("\\d{" + Totp.DIGITS + "}")) {
      throw new ApiException(400, "invalid", field, field + ": must be the " + Totp.DIGITS
          + " digits the authenticator app shows");
    }
    byte[] secret = sealer.open(row.sealed(), accountId);
    long now = Totp.step(clock.instant());
    for (long s = now + 1; s >= now - 1; s--) {
      if (equal(Totp.code(secret, s), code)) {
        long step = s;
        int taken = jdbi.withHandle(h -> h.createUpdate("UPDATE account_totp SET last_step = :s"
            + " WHERE account_id = :a AND last_step < :s").bind("s", step).bind("a", accountId).execute());
        if (taken != 1) {
          throw new ApiException(401, "totp_reused", field, field
              + ": this code was already used; wait for the next one (every 30 s)");
        }
        return;
      }
    }
    for (long s = now - 2; s >= now - EXPIRED_STEPS; s--) {
      if (equal(Totp.code(secret, s), code)) {
        throw new ApiException(401, "totp_expired", field, field
            + ": the code has expired (is the device's clock right?); send the current one");
      }
    }
    throw new ApiException(401, "totp_invalid", field, field + ": wrong code");
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private record Row(String sealed, boolean confirmed) {}

  private Optional<Row> row(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT secret_sealed, confirmed FROM account_totp"
        + " WHERE account_id = :a").bind("a", accountId).map((rs, c) -> new Row(rs.getString(1), rs.getBoolean(2)))
        .findOne());
  }

  static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
