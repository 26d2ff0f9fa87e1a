package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code vireo account list|freeze} and {@code vireo role list} call the API and show what it answers (ADR 0038). */
class AccountCliTest extends LoggedInCliTest {
  private static final String ACCOUNT = "{\"id\":\"acc-1\",\"login\":\"ops@example.com\",\"email\":"
      + "\"ops@example.com\",\"displayName\":\"Ops\",\"scope\":\"REGION\",\"regionIds\":[\"region-1\"],"
      + "\"readOnly\":false,\"state\":\"FROZEN\",\"builtIn\":false,\"roleIds\":[\"region-admin\"],\"permissions\":"
      + "[\"vms:read\"],\"mustChangePassword\":true,\"passwordChangedAt\":\"2026-12-07T08:00:00Z\",\"lockedUntil\":null,"
      + "\"failedLogins\":0,\"createdAt\":\"2026-12-07T08:00:00Z\"}";

  @Test
  void listsTheAccounts() throws Exception {
    api.on("GET", "/api/v1/accounts", 200, "{\"items\":[" + ACCOUNT + "],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = CliRun.run(profile, "account", "list");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("ops@example.com") && r.stdout().contains("region-admin"), r.stdout());
  }

  @Test
  void freezesAnAccount() throws Exception {
    api.on("POST", "/api/v1/accounts/acc-1/freeze", 200, ACCOUNT);
    CliRun r = CliRun.run(profile, "account", "freeze", "acc-1");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(1, api.requests("POST", "/api/v1/accounts/acc-1/freeze").size());
  }

  @Test
  void listsTheRoles() throws Exception {
    api.on("GET", "/api/v1/roles", 200, "{\"items\":[{\"id\":\"system-admin\",\"name\":\"System administrator\","
        + "\"description\":null,\"builtIn\":true,\"permissions\":[\"vms:read\",\"vms:create\"],\"accountIds\":"
        + "[\"acc-admin\"],\"createdAt\":\"1970-01-01T00:00:00Z\"}],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = CliRun.run(profile, "role", "list");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("System administrator"), r.stdout());
  }
}
