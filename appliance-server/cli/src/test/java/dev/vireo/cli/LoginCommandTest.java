package dev.vireo.cli;

import dev.vireo.api.testing.FakeApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {
  @TempDir
  Path dir;
  FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
    api.on("POST", "/api/v1/auth/login", 200,
        "{\"token\":\"tok-9\",\"expiresAt\":\"2026-01-02T03:04:05Z\",\"username\":\"admin\"}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void firstLoginPinsTheFingerprintAndSavesTheTokenPrivately() throws Exception {
    Path profile = dir.resolve("sub/profile.ini");
    Path password = dir.resolve("pw");
    Files.writeString(password, "s3cret\n");
    CliRun r = CliRun.run(profile, "login", "--server", api.uri().toString(), "--password-file", password.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains(api.fingerprint), r.stdout());
    assertEquals("{\"username\":\"admin\",\"password\":\"s3cret\"}", api.requests.get(0).body());
    Profile saved = Profile.load(profile).orElseThrow();
    assertEquals(new Profile(api.uri().toString(), api.fingerprint, "tok-9", "admin"), saved);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(profile)));
    assertTrue(Files.readString(profile).contains("fingerprint = " + api.fingerprint));
  }

  @Test
  void loggingInAgainKeepsThePinnedFingerprint() {
    Path profile = dir.resolve("profile.ini");
    String pinned = "00".repeat(32);
    new Profile(api.uri().toString(), pinned, null, "admin").save(profile);
    CliRun r = CliRun.run(profile, "login", "--password", "x");
    assertEquals(3, r.exitCode());
    assertTrue(r.stderr().startsWith("vireo: server certificate fingerprint " + api.fingerprint
        + " does not match the pinned 00:00"), r.stderr());
    assertTrue(api.requests.isEmpty(), "the password must not reach a server with another certificate");
  }

  @Test
  void logoutForgetsAnExpiredTokenToo() {
    Path profile = dir.resolve("profile.ini");
    new Profile(api.uri().toString(), api.fingerprint, "tok-old", "admin").save(profile);
    api.on("POST", "/api/v1/auth/logout", 401, "{\"code\":\"unauthorized\",\"message\":\"expired\"}");
    CliRun r = CliRun.run(profile, "logout");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("Bearer tok-old", api.requests.get(0).header("Authorization"));
    assertEquals(null, Profile.load(profile).orElseThrow().token());
  }
}
