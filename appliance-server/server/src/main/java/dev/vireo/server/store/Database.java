package dev.vireo.server.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hsqldb.jdbc.JDBCDataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HSQLDB store in file mode: MVCC, and write delay off so a committed row survives
 * {@code kill -9} (HSQLDB's default delay lost every row of a test batch on a halt).
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** HSQLDB's code for a lock file whose owner's heartbeat is younger than 10.1 s. */
  private static final int LOCK_HELD = -org.hsqldb.error.ErrorCode.LOCK_FILE_ACQUISITION_FAILURE;
  /** Each open polls a held lock for about 9 s; three cover a lock left by a process that just died. */
  private static final int OPEN_ATTEMPTS = 3;
  private final Jdbi jdbi;

  public Database(Path dir) {
    JDBCDataSource ds = new JDBCDataSource();
    ds.setUrl("jdbc:hsqldb:file:" + dir.resolve("vireo").toAbsolutePath()
        + ";hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.lock_file=true;shutdown=false");
    ds.setUser("SA");
    ds.setPassword("");
    migrate(ds, dir);
    jdbi = Jdbi.create(ds);
    jdbi.useHandle(h -> {
      h.execute("SET FILES WRITE DELAY FALSE");
      h.execute("SET DATABASE TRANSACTION CONTROL MVCC");
    });
    LOG.info("database ready at {}", dir);
  }

  /**
   * A process killed with the database open leaves its lock file with a fresh heartbeat; HSQLDB
   * refuses it until the heartbeat is 10.1 s old but polls for only about 9 s, so an immediate
   * restart (systemd, a test) would fail. Opening again once the lock has expired succeeds.
   */
  private static void migrate(JDBCDataSource ds, Path dir) {
    for (int attempt = 1; ; attempt++) {
      try {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return;
      } catch (FlywayException e) {
        if (attempt >= OPEN_ATTEMPTS || !lockHeld(e)) {
          throw e;
        }
        LOG.warn("database at {} is locked, probably by a process that just died; waiting for its lock to expire", dir);
      }
    }
  }

  private static boolean lockHeld(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == LOCK_HELD) {
        return true;
      }
    }
    return false;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Reads the write delay HSQLDB really applies (0 = every commit synced). */
  public int writeDelayMillis() {
    return jdbi.withHandle(h -> h.createQuery(
        "SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES WHERE PROPERTY_NAME = 'hsqldb.write_delay_millis'")
        .mapTo(Integer.class).findOne().orElse(-1));
  }

  @Override
  public void close() {
    jdbi.useHandle(h -> h.execute("SHUTDOWN"));
  }
}
