package dev.vireo.server.auth.recovery;

import dev.vireo.api.model.AccountState;
import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.auth.PasswordHasher;
import dev.vireo.server.auth.PasswordPolicy;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.notify.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password recovery by e-mail (white paper 5.2.2): a request mails a one-time link to the account's
 * address, whose token (stored as its SHA-256 only) sets a new password within 30 minutes, once.
 * The request answers the same whether or not the address is an account's, and mails from a
 * background thread so its timing does not tell either. A reset revokes every session.
 */
public final class PasswordRecovery implements AutoCloseable {
  public static final Duration VALIDITY = Duration.ofMinutes(30);
  private static final Logger LOG = LoggerFactory.getLogger(PasswordRecovery.class);

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final AccountStore accounts;
  private final Mailer mailer;
  private final String publicUrl;
  private final ExecutorService mail = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "password-recovery-mail");
    t.setDaemon(true);
    return t;
  });

  public PasswordRecovery(Jdbi jdbi, Sessions sessions, Mailer mailer, String publicUrl) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.accounts = sessions.accounts();
    this.mailer = mailer;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** Mails a link when {@code email} is an active account's login; silent otherwise. */
  public void request(String email) {
    if (email == null || email.isBlank()) {
      throw ApiException.invalid("email", "is required");
    }
    String login = email.strip().toLowerCase(Locale.ROOT);
    var account = accounts.byLogin(login).filter(a -> a.email() != null && a.state() == AccountState.ACTIVE);
    if (account.isEmpty()) {
      LOG.info("password recovery asked for an address that is no active account's");
      return;
    }
    String token = SecretFiles.randomHex(32);
    Instant now = sessions.now();
    String accountId = account.get().id();
    jdbi.useTransaction(h -> {
      // only the newest link works
      h.createUpdate("DELETE FROM password_reset_tokens WHERE account_id = :a").bind("a", accountId).execute();
      h.createUpdate("INSERT INTO password_reset_tokens (token_hash, account_id, created_at, expires_at)"
          + " VALUES (:h, :a, :c, :e)").bind("h", Sessions.sha256(token)).bind("a", accountId).bind("c", utc(now))
          .bind("e", utc(now.plus(VALIDITY))).execute();
    });
    String to = account.get().email();
    String link = link(token);
    String text = "Someone (hopefully you) asked to reset the password of the Vireo account " + to + ".\n\n"
        + "Open this one-time link within " + VALIDITY.toMinutes() + " minutes to set a new password:\n\n" + link
        + "\n\n(Or run `vireo account password-reset --token " + token + "`.)\n\nIf you did not ask for it,"
        + " ignore this mail:"
        + " the password stays as it is.\n\n-- \nVireo\n";
    mail.execute(() -> {
      String error = mailer.send(to, "Password recovery", text, "ACCOUNT");
      if (error != null) {
        LOG.warn("could not mail the password recovery link of account {}: {}", accountId, error);
      }
    });
  }

  String link(String token) {
    return publicUrl + "/api/v1/auth/password-reset?token=" + token;
  }

  /** Sets the new password with a link's token; 400 naming token when it is unknown, used or expired. */
  public void reset(String token, String newPassword) {
    if (token == null || token.isBlank()) {
      throw new ApiException(400, "invalid", "token", "token: is required (the token of the e-mailed link)");
    }
    String hash = Sessions.sha256(token.strip());
    Instant now = sessions.now();
    record Pending(String accountId, Instant expiresAt, boolean used) {}
    Pending p = jdbi.withHandle(h -> h.createQuery("SELECT account_id, expires_at, used_at FROM password_reset_tokens"
        + " WHERE token_hash = :h").bind("h", hash).map((rs, c) -> new Pending(rs.getString(1),
        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3) != null)).findOne().orElse(null));
    if (p == null || p.used()) {
      throw new ApiException(400, "invalid", "token", "token: the link is unknown or already used; ask for a new one"
          + " (POST /api/v1/auth/password-recovery)");
    }
    if (now.isAfter(p.expiresAt())) {
      throw new ApiException(400, "invalid", "token", "token: the link expired at " + p.expiresAt() + " ("
          + VALIDITY.toMinutes() + " minutes); ask for a new one (POST /api/v1/auth/password-recovery)");
    }
    PasswordPolicy.check("newPassword", newPassword, sessions.settings().get());
    int taken = jdbi.withHandle(h -> h.createUpdate("UPDATE password_reset_tokens SET used_at = :t WHERE token_hash = :h"
        + " AND used_at IS NULL").bind("t", utc(now)).bind("h", hash).execute());
    if (taken != 1) {
      throw new ApiException(400, "invalid", "token", "token: the link was just used");
    }
    accounts.setPassword(p.accountId(), PasswordHasher.hash(newPassword), now, false);
    sessions.revokeAll(p.accountId(), null);
    LOG.info("account {} set a new password through password recovery", p.accountId());
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  @Override
  public void close() {
    mail.shutdown();
  }
}
