package dev.vireo.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir
  Path dir;

  @Test
  void committedRowsSurviveAHaltWithoutShutdown() throws Exception {
    Path log = dir.resolve("child.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        HaltingWriter.class.getName(), dir.resolve("db").toString(), "200"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the writer did not halt within 60 s");
    assertEquals(0, child.exitValue(), () -> "the writer failed: " + read(log));

    try (Database db = new Database(dir.resolve("db"))) {
      int rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE kind = 'halt-test'")
          .mapTo(Integer.class).one());
      assertEquals(200, rows, "rows committed before the halt");
    }
  }

  @Test
  void writeDelayIsOffSoEveryCommitIsSynced() {
    try (Database db = new Database(dir.resolve("db"))) {
      assertEquals(0, db.writeDelayMillis());
    }
  }

  @Test
  void reopensAfterACleanClose() {
    try (Database db = new Database(dir.resolve("db"))) {
      db.jdbi().useHandle(h -> h.execute("INSERT INTO regions (id, name, is_default) VALUES ('r1', 'one', TRUE)"));
    }
    try (Database db = new Database(dir.resolve("db"))) {
      assertEquals(List.of("one"), db.jdbi().withHandle(h -> h.createQuery("SELECT name FROM regions")
          .mapTo(String.class).list()));
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
