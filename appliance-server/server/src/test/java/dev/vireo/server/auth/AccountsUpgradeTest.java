package dev.vireo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.LoginResponse;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server upgraded from before accounts (schema V24, one row in {@code admins}) keeps its
 * administrator: V25 turns the row into the built-in system admin with the same password, and a
 * session opened before the upgrade stays valid.
 */
class AccountsUpgradeTest {
  @TempDir
  Path dir;

  @Test
  void theAdministratorOfAnOlderDatabaseLogsInAfterTheUpgrade() throws Exception {
    JDBCDataSource ds = new JDBCDataSource();
    ds.setUrl("jdbc:hsqldb:file:" + dir.resolve("vireo").toAbsolutePath() + ";hsqldb.tx=mvcc;shutdown=false");
    ds.setUser("SA");
    ds.setPassword("");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("24").load().migrate();
    // within the password expiry (90 days by default), so no change is due
    OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC).minusDays(10).withNano(0);
    Jdbi old = Jdbi.create(ds);
    old.useHandle(h -> {
      h.createUpdate("INSERT INTO admins (username, password_hash, created_at) VALUES ('admin', :hash, :at)")
          .bind("hash", PasswordHasher.hash("Old-Secret-2026")).bind("at", created).execute();
      h.createUpdate("INSERT INTO sessions (token_hash, username, expires_at, created_at) VALUES (:t, 'admin', :e, :c)")
          .bind("t", Sessions.sha256("token-from-before")).bind("e", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))
          .bind("c", OffsetDateTime.now(ZoneOffset.UTC)).execute();
      h.execute("SHUTDOWN");
    });

    try (Database db = new Database(dir)) {
      AccountStore accounts = new AccountStore(db.jdbi(), new RoleCatalog(PermissionCatalog.load()));
      Sessions sessions = new Sessions(db.jdbi(), Duration.ofHours(1), accounts, new SecuritySettingsStore(db.jdbi()),
          Clock.systemUTC());
      assertEquals("admin", sessions.authenticate("Bearer token-from-before"), "the session from before the upgrade");
      assertTrue(sessions.login("admin", "wrong-password").isEmpty());
      LoginResponse login = sessions.login("admin", "Old-Secret-2026").orElseThrow();
      assertFalse(login.mustChangePassword(), "no forced change: the password and its age were kept");
      AccountStore.Row admin = accounts.byLogin("admin").orElseThrow();
      assertEquals("acc-admin", admin.id());
      assertEquals(created.toInstant(), admin.createdAt());
      assertEquals(created.toInstant(), admin.passwordChangedAt());
      assertEquals(List.of("system-admin"), admin.roleIds());
      assertEquals(List.of("system-admin"), db.jdbi().withHandle(h -> h.createQuery(
          "SELECT role_id FROM account_roles WHERE account_id = 'acc-admin'").mapTo(String.class).list()));
      assertEquals(Integer.valueOf(0), db.jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'ADMINS'").mapTo(Integer.class).one()));
    }
  }
}
