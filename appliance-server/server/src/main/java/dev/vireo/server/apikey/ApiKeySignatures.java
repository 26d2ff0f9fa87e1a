package dev.vireo.server.apikey;

import dev.vireo.api.model.AccountState;
import dev.vireo.api.signing.RequestSigner;
import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Authenticator;
import dev.vireo.server.http.RequestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies API key signatures (white paper 7.2, ADR 0042): the key must exist and be enabled, its
 * account active, the date within ±{@link #WINDOW} of the server's clock, the nonce unseen within
 * the window, and the signature the one {@link RequestSigner} computes with the key's secret and
 * the algorithm the header names (VIREO-HMAC-SHA256 or the 国密 VIREO-HMAC-SM3, ADR 0049).
 * Each refusal is a 401 that says which check failed. The caller is the key's account.
 */
public final class ApiKeySignatures implements Authenticator {
  public static final Duration WINDOW = Duration.ofSeconds(300);
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeySignatures.class);
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9._~-]{8,128}");

  private final ApiKeyStore keys;
  private final AccountStore accounts;
  private final Supplier<Instant> clock;
  private final NonceWindow nonces;

  /** Verifies against {@code keys}; the nonces seen are journalled to {@code nonceJournal} (null: kept in memory). */
  public ApiKeySignatures(ApiKeyStore keys, AccountStore accounts, Supplier<Instant> clock, java.nio.file.Path nonceJournal) {
    this.keys = keys;
    this.accounts = accounts;
    this.clock = clock;
    this.nonces = new NonceWindow(WINDOW, nonceJournal);
  }

  @Override
  public String authenticate(RequestCredentials c) {
    RequestSigner.Credential credential;
    Instant date;
    try {
      credential = RequestSigner.parse(c.authorization());
      if (c.date() == null) {
        throw new IllegalArgumentException("the " + RequestSigner.DATE_HEADER + " header is required");
      }
      date = RequestSigner.parseDate(c.date());
      if (c.nonce() == null || !NONCE.matcher(c.nonce()).matches()) {
        throw new IllegalArgumentException("the " + RequestSigner.NONCE_HEADER
            + " header must be 8 to 128 letters, digits or ._~-");
      }
      if (c.host() == null) {
        throw new IllegalArgumentException("the Host header is required");
      }
    } catch (IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    Instant now = clock.get();
    if (Duration.between(date, now).abs().compareTo(WINDOW) > 0) {
      throw refused(RequestSigner.DATE_HEADER + " " + c.date() + " is more than " + WINDOW.toSeconds()
          + " s from the server's time " + RequestSigner.formatDate(now));
    }
    ApiKeyStore.Stored key = keys.get(credential.accessKey()).orElseThrow(() -> refused("unknown access key "
        + credential.accessKey()));
    if (!key.enabled()) {
      throw refused("API key " + key.accessKey() + " is disabled");
    }
    AccountStore.Row account = accounts.get(key.accountId()).orElseThrow(() -> refused("the account of API key "
        + key.accessKey() + " no longer exists"));
    if (account.state() != AccountState.ACTIVE) {
      throw refused("the account of API key " + key.accessKey() + " is " + account.state());
    }
    String expected;
    try {
      expected = RequestSigner.sign(credential.algorithm(), key.accessKey(), key.secret(), c.signedInput())
          .signature();
    } catch (IllegalArgumentException e) {
      throw refused("the request cannot be canonicalised: " + e.getMessage());
    }
    if (!RequestSigner.matches(expected, credential.signature())) {
      LOG.debug("signature mismatch for API key {}", key.accessKey());
      throw refused("the signature does not match the request (method, path, query, Host, "
          + RequestSigner.DATE_HEADER + ", " + RequestSigner.NONCE_HEADER + " and body are signed; see"
          + " docs/api-signing.md)");
    }
    if (!nonces.firstUse(key.accessKey(), c.nonce(), date, now)) {
      throw refused(RequestSigner.NONCE_HEADER + " " + c.nonce() + " was already used: a replayed request");
    }
    keys.used(key.accessKey(), now);
    return account.login();
  }

  private static ApiException refused(String why) {
    return new ApiException(401, "unauthorized", null, "API key signature refused: " + why);
  }
}
