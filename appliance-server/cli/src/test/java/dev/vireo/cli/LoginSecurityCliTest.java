package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The login security verbs of {@code vireo account} call their routes and show the answers (ADR 0041). */
class LoginSecurityCliTest extends LoggedInCliTest {
  @Test
  void enrolsWritesTheQrCodeAndConfirmsPrintingTheRecoveryCodes() throws Exception {
    api.on("POST", "/api/v1/auth/totp", 200, "{\"secret\":\"GEZDGNBVGY3TQOJQ\",\"otpauthUri\":"
        + "\"otpauth://totp/Vireo:admin?secret=GEZDGNBVGY3TQOJQ\",\"qrCodeSvg\":\"<svg/>\"}");
    Path svg = dir.resolve("qr.svg");
    CliRun r = CliRun.run(profile, "account", "totp", "enrol", "--qr-svg", svg.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("GEZDGNBVGY3TQOJQ") && r.stdout().contains("otpauth://"), r.stdout());
    assertEquals("<svg/>", Files.readString(svg));
    api.on("POST", "/api/v1/auth/totp/confirm", 200, "{\"codes\":[\"abcde-fghij\",\"klmno-pqrst\"]}");
    CliRun c = CliRun.run(profile, "account", "totp", "confirm", "123456");
    assertEquals(0, c.exitCode(), c.stderr());
    assertTrue(c.stdout().contains("abcde-fghij") && c.stdout().contains("klmno-pqrst"), c.stdout());
    assertEquals("{\"code\":\"123456\"}", api.requests("POST", "/api/v1/auth/totp/confirm").get(0).body());
  }

  @Test
  void resetsDisablesAndSetsTheAllowList() throws Exception {
    api.on("DELETE", "/api/v1/accounts/acc-1/totp", 204, "");
    assertEquals(0, CliRun.run(profile, "account", "totp", "reset", "acc-1").exitCode());
    api.on("POST", "/api/v1/auth/totp/disable", 204, "");
    assertEquals(0, CliRun.run(profile, "account", "totp", "disable", "--password", "Pass-word1").exitCode());
    assertEquals("{\"currentPassword\":\"Pass-word1\"}", api.requests("POST", "/api/v1/auth/totp/disable").get(0)
        .body());
    api.on("PUT", "/api/v1/accounts/acc-1/ip-allow-list", 200, "{\"entries\":[\"10.0.0.0/8\",\"::1\"]}");
    CliRun set = CliRun.run(profile, "account", "set-allow-list", "acc-1", "10.0.0.0/8", "::1");
    assertEquals(0, set.exitCode(), set.stderr());
    assertEquals("{\"entries\":[\"10.0.0.0/8\",\"::1\"]}", api.requests("PUT", "/api/v1/accounts/acc-1/ip-allow-list")
        .get(0).body());
    assertTrue(set.stdout().contains("10.0.0.0/8"), set.stdout());
    api.on("GET", "/api/v1/accounts/acc-1/ip-allow-list", 200, "{\"entries\":[]}");
    CliRun get = CliRun.run(profile, "account", "allow-list", "acc-1");
    assertTrue(get.stdout().contains("any address"), get.stdout());
  }

  @Test
  void listsAndRevokesSessionsAndRecoversAPassword() throws Exception {
    api.on("GET", "/api/v1/accounts/acc-1/sessions", 200, "{\"items\":[{\"id\":\"0123456789abcdef\",\"createdAt\":"
        + "\"2026-12-07T08:00:00Z\",\"lastUsedAt\":\"2026-12-07T08:05:00Z\",\"expiresAt\":\"2026-12-08T08:00:00Z\","
        + "\"sourceIp\":\"127.0.0.1\",\"current\":false}],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun list = CliRun.run(profile, "account", "sessions", "acc-1");
    assertEquals(0, list.exitCode(), list.stderr());
    assertTrue(list.stdout().contains("0123456789abcdef") && list.stdout().contains("127.0.0.1"), list.stdout());
    api.on("DELETE", "/api/v1/accounts/acc-1/sessions/0123456789abcdef", 204, "");
    assertEquals(0, CliRun.run(profile, "account", "revoke-sessions", "acc-1", "--session", "0123456789abcdef")
        .exitCode());
    api.on("POST", "/api/v1/auth/password-recovery", 202, "");
    CliRun rec = CliRun.run(profile, "account", "password-recovery", "ops@example.com");
    assertEquals(0, rec.exitCode(), rec.stderr());
    assertEquals("{\"email\":\"ops@example.com\"}", api.requests("POST", "/api/v1/auth/password-recovery").get(0)
        .body());
    api.on("POST", "/api/v1/auth/password-reset", 204, "");
    CliRun reset = CliRun.run(profile, "account", "password-reset", "--token", "t0k", "--password", "New-pass1");
    assertEquals(0, reset.exitCode(), reset.stderr());
    assertEquals("{\"token\":\"t0k\",\"newPassword\":\"New-pass1\"}", api.requests("POST",
        "/api/v1/auth/password-reset").get(0).body());
  }
}
