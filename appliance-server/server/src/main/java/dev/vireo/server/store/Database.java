package dev.vireo.server.store;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
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
  private final Jdbi jdbi;

  public Database(Path dir) {
    JDBCDataSource ds = new JDBCDataSource();
    ds.setUrl("jdbc:hsqldb:file:" + dir.resolve("vireo").toAbsolutePath()
        + ";hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.lock_file=true;shutdown=false");
    ds.setUser("SA");
    ds.setPassword("");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    jdbi = Jdbi.create(ds);
    jdbi.useHandle(h -> {
      h.execute("SET FILES WRITE DELAY FALSE");
      h.execute("SET DATABASE TRANSACTION CONTROL MVCC");
    });
    LOG.info("database ready at {}", dir);
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
