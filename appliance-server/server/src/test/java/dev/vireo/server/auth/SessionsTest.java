package dev.vireo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.LoginResponse;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: one test compares timings, which other classes running alongside would skew. */
@Isolated
class SessionsTest {
  @TempDir
  static Path dir;
  static Database db;
  static Sessions sessions;
  static String password;

  @BeforeAll
  static void open() throws Exception {
    db = new Database(dir);
    // The timing test fails logins on purpose: without lockout the administrator stays usable.
    var s = dev.vireo.api.model.SecuritySettings.DEFAULTS;
    new SecuritySettingsStore(db.jdbi()).save(new dev.vireo.api.model.SecuritySettings(false, s.lockoutThreshold(),
        s.lockoutMinutes(), s.passwordMinLength(), s.passwordMaxLength(), s.passwordMinCharClasses(),
        s.passwordExpiryDays(), s.forceChangeOnExpiry(), s.forceChangeNonCompliant(), s.idleTimeoutMinutes(),
        s.singleSession()));
    sessions = sessions(Duration.ofHours(1));
    password = sessions.ensureAdmin("admin").orElseThrow();
  }

  /** A fresh Sessions on the same database, as after a restart. */
  private static Sessions sessions(Duration ttl) throws Exception {
    AccountStore accounts = new AccountStore(db.jdbi(), new RoleCatalog(PermissionCatalog.load()));
    return new Sessions(db.jdbi(), ttl, accounts, new SecuritySettingsStore(db.jdbi()), java.time.Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private String login() {
    return sessions.login("admin", password).orElseThrow().token();
  }

  @Test
  void createsTheAdministratorOnceWithARandomPassword() {
    assertTrue(password.length() >= 16, password);
    assertEquals(Optional.empty(), sessions.ensureAdmin("admin"));
  }

  @Test
  void aWrongPasswordOrUnknownUserGetsNoToken() {
    assertEquals(Optional.empty(), sessions.login("admin", password + "x"));
    assertEquals(Optional.empty(), sessions.login("nobody", password));
  }

  @Test
  void theTokenOfALoginAuthenticatesItsUser() {
    LoginResponse r = sessions.login("admin", password).orElseThrow();

    assertEquals("admin", r.username());
    assertEquals("admin", sessions.authenticate("Bearer " + r.token()));
    assertEquals("admin", sessions.authenticate("bearer " + r.token()));
    assertNull(sessions.authenticate("Bearer " + r.token() + "0"));
    assertNull(sessions.authenticate(r.token()));
    assertNull(sessions.authenticate((String) null));
  }

  @Test
  void tokensAreStoredOnlyAsHashes() {
    String token = login();
    int plain = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE token_hash = :t")
        .bind("t", token).mapTo(Integer.class).one());
    assertEquals(0, plain);
  }

  @Test
  void tokensSurviveARestart() throws Exception {
    String token = login();
    assertEquals("admin", sessions(Duration.ofHours(1)).authenticate("Bearer " + token));
  }

  @Test
  void aTokenExpires() throws Exception {
    Sessions shortLived = sessions(Duration.ofSeconds(1));
    String token = shortLived.login("admin", password).orElseThrow().token();
    assertEquals("admin", shortLived.authenticate("Bearer " + token));

    Thread.sleep(1100);

    assertNull(shortLived.authenticate("Bearer " + token));
    assertNull(sessions(Duration.ofHours(1)).authenticate("Bearer " + token),
        "expired in the database too");
  }

  @Test
  void logoutInvalidatesTheToken() throws Exception {
    String token = login();
    assertEquals("admin", sessions.authenticate("Bearer " + token));

    sessions.logout("Bearer " + token);

    assertNull(sessions.authenticate("Bearer " + token));
    assertNull(sessions(Duration.ofHours(1)).authenticate("Bearer " + token));
  }

  @Test
  void everyLoginCostsOnePasswordDerivationWhetherTheUserExistsOrNot() {
    // Equal cost hides which user names exist; a second derivation would only double the load.
    String stored = PasswordHasher.hash("pw");
    sessions.login("admin", "warm-up");
    sessions.login("nobody", "warm-up");
    long one = Long.MAX_VALUE;
    long known = Long.MAX_VALUE;
    long unknown = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // the fastest of five: noise from other processes only adds time
      long t0 = System.nanoTime();
      PasswordHasher.verify("wrong", stored);
      long t1 = System.nanoTime();
      sessions.login("admin", "wrong");
      long t2 = System.nanoTime();
      sessions.login("nobody", "wrong");
      long t3 = System.nanoTime();
      one = Math.min(one, t1 - t0);
      known = Math.min(known, t2 - t1);
      unknown = Math.min(unknown, t3 - t2);
    }
    String times = "one derivation " + one / 1_000_000 + " ms, wrong password " + known / 1_000_000
        + " ms, unknown user " + unknown / 1_000_000 + " ms";
    assertTrue(known < one * 1.6, times);
    assertTrue(unknown < one * 1.6, times);
  }
}
