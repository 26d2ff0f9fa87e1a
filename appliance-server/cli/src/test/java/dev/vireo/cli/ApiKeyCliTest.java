package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code vireo apikey ...} and signing with VIREO_ACCESS_KEY / VIREO_SECRET_KEY (ADR 0042). */
class ApiKeyCliTest extends LoggedInCliTest {
  private static final String KEY = "{\"accessKey\":\"VK0123456789ABCDEF01\",\"accountId\":\"acc-1\","
      + "\"description\":\"ci\",\"enabled\":true,\"createdAt\":\"2026-12-07T08:00:00Z\",\"lastUsedAt\":null,"
      + "\"secret\":\"s3cr3t-shown-once\"}";

  @Test
  void createsAKeyOfTheAccountNamedAndShowsTheSecretOnce() throws Exception {
    api.on("POST", "/api/v1/accounts/acc-1/api-keys", 201, KEY);
    CliRun r = CliRun.run(profile, "apikey", "create", "--account", "acc-1", "--description", "ci");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("VK0123456789ABCDEF01") && r.stdout().contains("s3cr3t-shown-once"), r.stdout());
    assertEquals("{\"description\":\"ci\"}", api.requests("POST", "/api/v1/accounts/acc-1/api-keys").get(0).body());
  }

  @Test
  void withKeysInTheEnvironmentEveryRequestIsSignedInsteadOfCarryingTheToken() throws Exception {
    api.on("GET", "/api/v1/accounts/acc-1/api-keys", 200, "{\"items\":[" + KEY.replace("\"s3cr3t-shown-once\"",
        "null") + "],\"total\":1,\"offset\":0,\"limit\":1000}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new VireoCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of(Profile.ENV,
        profile.toString(), "VIREO_ACCESS_KEY", "VK0123456789ABCDEF01", "VIREO_SECRET_KEY", "secret"))
        .run("apikey", "list", "--account", "acc-1");
    assertEquals(0, code);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("VK0123456789ABCDEF01"));
    var sent = api.requests("GET", "/api/v1/accounts/acc-1/api-keys").get(0);
    assertTrue(sent.header("Authorization").startsWith("VIREO-HMAC-SHA256 Credential=VK0123456789ABCDEF01, "),
        sent.header("Authorization"));
    assertTrue(sent.header("X-Vireo-Date").matches("\\d{8}T\\d{6}Z"), sent.header("X-Vireo-Date"));
    assertTrue(sent.header("X-Vireo-Nonce").length() >= 16);
    assertNull(sent.header("Bearer"));
  }

  @Test
  void vireoSigningAlgorithmSm3SignsWithVireoHmacSm3AndAnUnknownNameIsAUsageError() throws Exception {
    api.on("GET", "/api/v1/accounts/acc-1/api-keys", 200, "{\"items\":[],\"total\":0,\"offset\":0,\"limit\":1000}");
    Map<String, String> env = Map.of(Profile.ENV, profile.toString(), "VIREO_ACCESS_KEY", "VK0123456789ABCDEF01",
        "VIREO_SECRET_KEY", "secret", "VIREO_SIGNING_ALGORITHM", "SM3");
    int code = new VireoCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err,
        env).run("apikey", "list", "--account", "acc-1");
    assertEquals(0, code);
    String header = api.requests("GET", "/api/v1/accounts/acc-1/api-keys").get(0).header("Authorization");
    assertTrue(header.startsWith("VIREO-HMAC-SM3 Credential=VK0123456789ABCDEF01, "), header);
    assertTrue(header.matches(".*Signature=[0-9a-f]{64}"), header);

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> bad = new java.util.HashMap<>(env);
    bad.put("VIREO_SIGNING_ALGORITHM", "md5");
    int refused = new VireoCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), bad).run("apikey", "list", "--account", "acc-1");
    assertEquals(2, refused, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("VIREO_SIGNING_ALGORITHM"), err.toString());
  }
}
