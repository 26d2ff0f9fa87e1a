package dev.vireo.cli;

import dev.vireo.api.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of CLI tests that run commands against a {@link FakeApi}: a profile in a temporary
 * directory, logged in with token {@code tok-1} as {@code admin}, the fake server closed after
 * each test. Tests stub answers with {@code api.on(...)} and run {@code CliRun.run(profile, ...)}.
 */
abstract class LoggedInCliTest {
  @TempDir
  Path dir;
  Path profile;
  FakeApi api;

  @BeforeEach
  void logInToTheFakeApi() throws Exception {
    api = new FakeApi();
    profile = dir.resolve("profile.ini");
    new Profile(api.uri().toString(), api.fingerprint, "tok-1", "admin").save(profile);
  }

  @AfterEach
  void closeTheFakeApi() {
    api.close();
  }
}
