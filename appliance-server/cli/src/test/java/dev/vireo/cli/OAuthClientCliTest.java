package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code vireo oauth-client create|list|delete} call the API and show what it answers (ADR 0043). */
class OAuthClientCliTest extends LoggedInCliTest {
  private static final String FIELDS = "\"id\":\"oac-0123456789abcdef01234567\",\"name\":\"grafana\","
      + "\"confidential\":true,\"redirectUris\":[\"https://grafana.example.com/login/generic_oauth\"],"
      + "\"grantTypes\":[\"authorization_code\",\"refresh_token\"],\"scopes\":[\"openid\",\"vireo.read\"],"
      + "\"accountId\":\"acc-admin\",\"createdAt\":\"2026-12-07T08:00:00Z\"";

  @Test
  void createsAClientAndShowsItsSecretOnce() throws Exception {
    api.on("POST", "/api/v1/oauth-clients", 201, "{" + FIELDS + ",\"clientSecret\":\"vcs_s3cret\"}");
    CliRun r = CliRun.run(profile, "oauth-client", "create", "--name", "grafana", "--redirect-uri",
        "https://grafana.example.com/login/generic_oauth", "--grant", "authorization_code,refresh_token",
        "--scope", "openid", "--scope", "vireo.read");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("oac-0123456789abcdef01234567") && r.stdout().contains("vcs_s3cret"), r.stdout());
    String body = api.requests("POST", "/api/v1/oauth-clients").get(0).body();
    assertTrue(body.contains("\"confidential\":true") && body.contains("\"scopes\":[\"openid\",\"vireo.read\"]")
        && body.contains("\"grantTypes\":[\"authorization_code\",\"refresh_token\"]"), body);
  }

  @Test
  void listsAndDeletesClients() throws Exception {
    api.on("GET", "/api/v1/oauth-clients", 200, "{\"items\":[{" + FIELDS + "}],\"total\":1,\"offset\":0,"
        + "\"limit\":1000}");
    CliRun list = CliRun.run(profile, "oauth-client", "list");
    assertEquals(0, list.exitCode(), list.stderr());
    assertTrue(list.stdout().contains("grafana") && list.stdout().contains("confidential"), list.stdout());
    api.on("DELETE", "/api/v1/oauth-clients/oac-0123456789abcdef01234567", 204, "");
    CliRun delete = CliRun.run(profile, "oauth-client", "delete", "oac-0123456789abcdef01234567");
    assertEquals(0, delete.exitCode(), delete.stderr());
    assertEquals(1, api.requests("DELETE", "/api/v1/oauth-clients/oac-0123456789abcdef01234567").size());
  }
}
