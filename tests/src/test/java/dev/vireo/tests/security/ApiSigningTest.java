package dev.vireo.tests.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.EventStream;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.ApiKey;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.api.signing.RequestSigner;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API key pairs and signed requests on a real server (white paper 7.2, ADR 0042): the SDK signs
 * GETs with queries, POSTs with bodies and the event stream; a changed body or path, a replayed
 * nonce, a stale date, a disabled key, a frozen or deleted account are refused 401 saying why; a
 * key acts with its account's roles and regions; an account holds at most 5 keys.
 */
class ApiSigningTest {
  private static final String PASSWORD = "Signing-pass1";

  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static String admin;
  static VireoClient adminClient;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    admin = server.login();
    adminClient = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), admin);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String account(String email, String scope, String regions, String roles) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + email + "\",\"password\":\""
        + PASSWORD + "\",\"scope\":\"" + scope + "\",\"regionIds\":" + regions + ",\"roleIds\":" + roles
        + ",\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static VireoClient signed(ApiKey key) {
    return VireoClient.builder(URI.create(server.baseUrl()), server.fingerprint())
        .withApiKey(key.accessKey(), key.secret()).build();
  }

  /** A raw request signed over {@code signedPath}/{@code signedBody} but sending {@code path}/{@code body}. */
  private static Api.Reply raw(ApiKey key, String method, String signedPath, String signedBody, String path,
      String body, Instant date, String nonce) throws Exception {
    URI uri = URI.create(server.baseUrl() + signedPath);
    String d = RequestSigner.formatDate(date);
    RequestSigner.Signed s = RequestSigner.sign(key.accessKey(), key.secret(), new RequestSigner.Input(method,
        uri.getPath(), uri.getRawQuery(), RequestSigner.hostOf(uri), d, nonce,
        signedBody == null ? new byte[0] : signedBody.getBytes(StandardCharsets.UTF_8)));
    return api.send(method, path, null, body == null ? null : "application/json", body, Map.of(
        "Authorization", s.authorization(), RequestSigner.DATE_HEADER, d, RequestSigner.NONCE_HEADER, nonce));
  }

  private static String nonce() {
    return UUID.randomUUID().toString();
  }

  private static void refused(Api.Reply r, String why) {
    assertEquals(401, r.status(), r.toString());
    assertEquals("unauthorized", r.json().path("code").asText(), r.toString());
    assertTrue(r.json().path("message").asText().contains(why), "expected '" + why + "' in " + r);
  }

  @Test
  void signedSdkCallsWorkForGetsWithQueriesPostsWithBodiesAndTheEventStream() throws Exception {
    ApiKey key = adminClient.accounts().createApiKey("admin", "sdk");
    assertNotNull(key.secret(), "the secret is shown once, in the create answer");
    assertTrue(key.accessKey().startsWith("VK"), key.toString());
    VireoClient client = signed(key);
    assertNull(client.token(), "no login");
    assertEquals("admin", client.accounts().current().login());
    assertTrue(client.listRegions().total() >= 1, "a GET with ?offset=&limit= is signed over its query");
    // a POST with a body, signed: a role created through the key
    var role = client.accounts().createRole(new dev.vireo.api.model.RoleRequest("signed-role", "by key",
        List.of("vms:read")));
    assertEquals("signed-role", role.name());
    // the list shows the key without its secret, and when it was used
    ApiKey listed = adminClient.accounts().apiKeys("admin").items().stream()
        .filter(k -> k.accessKey().equals(key.accessKey())).findFirst().orElseThrow();
    assertNull(listed.secret(), "the secret is never shown again");
    assertTrue(listed.enabled());
    assertNotNull(listed.lastUsedAt(), "last use recorded");
    // the event stream is signed too
    CountDownLatch connected = new CountDownLatch(1);
    try (EventStream stream = client.events(new EventStream.Listener() {
      @Override
      public void event(ServerEvent event) {}

      @Override
      public void connected(boolean replaying) {
        connected.countDown();
      }
    })) {
      assertTrue(connected.await(20, TimeUnit.SECONDS), "the signed event stream did not connect");
    }
  }

  @Test
  void aTamperedBodyOrPathAReplayAndAStaleDateAreRefused() throws Exception {
    ApiKey key = adminClient.accounts().createApiKey("admin", "raw");
    String body = "{\"name\":\"raw-role\",\"permissions\":[\"vms:read\"]}";
    Api.Reply ok = raw(key, "POST", "/api/v1/roles", body, "/api/v1/roles", body, Instant.now(), nonce());
    assertEquals(201, ok.status(), ok.toString());
    refused(raw(key, "POST", "/api/v1/roles", body, "/api/v1/roles",
        body.replace("vms:read", "vms:delete"), Instant.now(), nonce()), "signature does not match");
    refused(raw(key, "GET", "/api/v1/regions", null, "/api/v1/accounts", null, Instant.now(), nonce()),
        "signature does not match");
    refused(raw(key, "GET", "/api/v1/regions?limit=1", null, "/api/v1/regions?limit=1000", null, Instant.now(),
        nonce()), "signature does not match");
    String once = nonce();
    assertEquals(200, raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, Instant.now(), once).status());
    refused(raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, Instant.now(), once), "already used");
    refused(raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, Instant.now().minusSeconds(400), nonce()),
        "more than 300 s");
    refused(raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, Instant.now().plusSeconds(400), nonce()),
        "more than 300 s");
    ApiKey madeUp = new ApiKey("VK000000000000000000", "x", null, true, null, null, "made-up-secret");
    refused(raw(madeUp, "GET", "/api/v1/ping", null, "/api/v1/ping", null, Instant.now(), nonce()),
        "unknown access key");
    ApiKey wrongSecret = new ApiKey(key.accessKey(), "x", null, true, null, null, key.secret() + "x");
    refused(raw(wrongSecret, "GET", "/api/v1/ping", null, "/api/v1/ping", null, Instant.now(), nonce()),
        "signature does not match");
    Api.Reply noNonce = api.send("GET", "/api/v1/ping", null, null, null, Map.of("Authorization",
        RequestSigner.authorization(key.accessKey(), "00"), RequestSigner.DATE_HEADER,
        RequestSigner.formatDate(Instant.now())));
    refused(noNonce, RequestSigner.NONCE_HEADER);
  }

  @Test
  void aRequestAcceptedBeforeAServerRestartIsRefusedAsAReplayAfterIt() throws Exception {
    ApiKey key = adminClient.accounts().createApiKey("admin", "restart");
    Instant date = Instant.now();
    String once = nonce();
    assertEquals(200, raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, date, once).status());
    server.close();
    server = TestServer.start(dir); // the same data directory
    api = server.api();
    admin = server.login();
    adminClient = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), admin);
    refused(raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, date, once), "already used");
    assertEquals(200, raw(key, "GET", "/api/v1/ping", null, "/api/v1/ping", null, date, nonce()).status(),
        "the key itself still works");
  }

  @Test
  void signedRequestsObeyTheAccountsIpAllowList() throws Exception {
    String id = account("keys-ip@example.com", "SYSTEM", "[]", "[\"system-readonly\"]");
    VireoClient client = signed(adminClient.accounts().createApiKey(id, null));
    assertEquals("keys-ip@example.com", client.accounts().current().login());
    adminClient.accounts().setIpAllowList(id, java.util.List.of("10.0.0.0/8"));
    ApiException elsewhere = assertThrows(ApiException.class, () -> client.accounts().current());
    assertEquals(403, elsewhere.status(), "this test calls from 127.0.0.1: " + elsewhere.getMessage());
    assertTrue(elsewhere.getMessage().contains("127.0.0.1"), elsewhere.getMessage());
    adminClient.accounts().setIpAllowList(id, java.util.List.of("127.0.0.0/8"));
    assertEquals("keys-ip@example.com", client.accounts().current().login());
  }

  @Test
  void aDisabledKeyAFrozenOrDeletedAccountStopWorking() throws Exception {
    String id = account("keys@example.com", "SYSTEM", "[]", "[\"system-readonly\"]");
    ApiKey key = adminClient.accounts().createApiKey(id, null);
    VireoClient client = signed(key);
    assertEquals("keys@example.com", client.accounts().current().login());
    assertFalse(adminClient.accounts().enableApiKey(id, key.accessKey(), false).enabled());
    ApiException disabled = assertThrows(ApiException.class, () -> client.accounts().current());
    assertEquals(401, disabled.status());
    assertTrue(disabled.getMessage().contains("disabled"), disabled.getMessage());
    assertTrue(adminClient.accounts().enableApiKey(id, key.accessKey(), true).enabled());
    assertEquals("keys@example.com", client.accounts().current().login());
    adminClient.accounts().freeze(id, true);
    ApiException frozen = assertThrows(ApiException.class, () -> client.accounts().current());
    assertEquals(401, frozen.status());
    assertTrue(frozen.getMessage().contains("FROZEN"), frozen.getMessage());
    adminClient.accounts().freeze(id, false);
    assertEquals("keys@example.com", client.accounts().current().login());
    adminClient.accounts().delete(id);
    ApiException deleted = assertThrows(ApiException.class, () -> client.accounts().current());
    assertEquals(401, deleted.status(), deleted.getMessage());
  }

  @Test
  void aKeyActsWithItsAccountsRolesAndRegions() throws Exception {
    server.addRegion("region-s", "region-s");
    String id = account("regional@example.com", "REGION", "[\"region-s\"]", "[\"region-readonly\"]");
    // the account manages its own keys without the accounts permission
    String own = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"regional@example.com\","
        + "\"password\":\"" + PASSWORD + "\"}").json().path("token").asText();
    ApiKey key = new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), own).accounts()
        .createApiKey("regional@example.com", "own");
    VireoClient client = signed(key);
    assertEquals(1, client.listRegions().total(), "only its authorised region");
    assertEquals("region-s", client.listRegions().items().get(0).id());
    assertEquals(0, client.listClusters().total(), "the default cluster lies in another region");
    String cluster = adminClient.listClusters().items().get(0).id();
    ApiException outside = assertThrows(ApiException.class, () -> client.getCluster(cluster));
    assertEquals(403, outside.status());
    assertTrue(outside.getMessage().contains("not authorised for region"), outside.getMessage());
    ApiException readOnly = assertThrows(ApiException.class, () -> client.accounts().createRole(
        new dev.vireo.api.model.RoleRequest("nope", null, List.of("vms:read"))));
    assertEquals(403, readOnly.status(), "a read-only role's key cannot write");
    // nor does it reach another account's keys
    ApiException foreign = assertThrows(ApiException.class, () -> client.accounts().apiKeys("admin"));
    assertEquals(403, foreign.status());
    assertTrue(foreign.getMessage().contains("accounts:read"), foreign.getMessage());
  }

  @Test
  void anAccountHoldsAtMostFiveKeysAndTheirSecretsAreSealed() throws Exception {
    String id = account("five@example.com", "SYSTEM", "[]", "[\"system-readonly\"]");
    String secret = null;
    for (int i = 0; i < 5; i++) {
      secret = adminClient.accounts().createApiKey(id, "key " + i).secret();
    }
    Api.Reply sixth = api.send("POST", "/api/v1/accounts/" + id + "/api-keys", admin, "{\"description\":\"six\"}");
    assertEquals(409, sixth.status(), sixth.toString());
    assertTrue(sixth.json().path("message").asText().contains("5 API keys"), sixth.toString());
    Api.Reply tooLong = api.send("POST", "/api/v1/accounts/admin/api-keys", admin, "{\"description\":\""
        + "x".repeat(129) + "\"}");
    assertEquals(422, tooLong.status(), tooLong.toString());
    assertEquals("description", tooLong.json().path("field").asText());
    String first = adminClient.accounts().apiKeys(id).items().get(0).accessKey();
    adminClient.accounts().deleteApiKey(id, first);
    assertEquals(4, adminClient.accounts().apiKeys(id).total());
    assertEquals(404, api.send("POST", "/api/v1/accounts/" + id + "/api-keys/" + first + "/enable", admin, null)
        .status(), "a deleted key is gone");
    // the secrets are sealed, not written as they are
    List<Path> files;
    try (Stream<Path> walk = Files.walk(server.dataDir().resolve("db"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    boolean rowsVisible = false;
    for (Path f : files) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertFalse(content.contains(secret), f + " holds an API key secret in clear");
      rowsVisible |= content.contains("INSERT INTO API_KEYS VALUES");
    }
    assertTrue(rowsVisible, "no api_keys rows found in the database files");
  }
}
