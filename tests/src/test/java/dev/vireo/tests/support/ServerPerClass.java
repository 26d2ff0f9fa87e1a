package dev.vireo.tests.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base for test classes that share one real server: it starts on a fresh directory before the
 * class's first test, the administrator logged in, and stops after its last. The fields are static
 * and shared by the subclasses, which is sound because the tests module runs its classes one at a
 * time (no JUnit parallel execution is configured there); a class that needs its own clock or
 * configuration starts its own {@link TestServer}.
 */
public abstract class ServerPerClass {
  @TempDir
  protected static Path dir;
  protected static TestServer server;
  protected static Api api;
  /** The built-in administrator's bearer token. */
  protected static String admin;

  @BeforeAll
  static void startTheServer() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    admin = server.login();
  }

  @AfterAll
  static void stopTheServer() throws Exception {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
