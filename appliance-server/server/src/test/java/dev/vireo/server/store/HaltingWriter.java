package dev.vireo.server.store;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Run in a child JVM by {@link DatabaseTest}: commits {@code count} rows one by one, then halts
 * the JVM without closing the database (what {@code kill -9} or a power cut leaves behind).
 */
public final class HaltingWriter {
  private HaltingWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    Database db = new Database(dir);
    for (int i = 0; i < count; i++) {
      int n = i;
      db.jdbi().useHandle(h -> h.createUpdate(
              "INSERT INTO events (kind, resource_id, state, occurred_at) VALUES ('halt-test', :id, 'WRITTEN', :t)")
          .bind("id", "row-" + n).bind("t", OffsetDateTime.now(ZoneOffset.UTC)).execute());
    }
    Runtime.getRuntime().halt(0);
  }
}
