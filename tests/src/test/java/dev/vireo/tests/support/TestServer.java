package dev.vireo.tests.support;

import dev.vireo.server.VireoServer;
import dev.vireo.server.config.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real {@link VireoServer} in this JVM on a free loopback port, its data in a temporary
 * directory: the whole HTTP stack (TLS, router, auth, store, jobs) without a second process.
 * Where a node is needed, {@link #fakeAgent()} registers one that speaks the real protocol.
 */
public final class TestServer implements AutoCloseable {
  private final Path dataDir;
  private final VireoServer server;
  private final Api api;
  private FakeAgent agent;
  private final java.util.List<FakeAgent> extraAgents = new java.util.ArrayList<>();
  private FakeAgent peer;

  private TestServer(Path dataDir, VireoServer server) {
    this.dataDir = dataDir;
    this.server = server;
    this.api = new Api(server.config().publicUrl(), server.fingerprint());
  }

  public static TestServer start(Path dir) throws Exception {
    return start(dir, c -> c);
  }

  /** A server whose loopback defaults {@code tune} changes (e.g. shorter heartbeats). */
  public static TestServer start(Path dir, java.util.function.UnaryOperator<ServerConfig> tune) throws Exception {
    return start(dir, tune, java.time.Clock.systemUTC());
  }

  /** A server whose logins and tokens run on {@code clock} (lockout, password expiry, idle logout). */
  public static TestServer start(Path dir, java.util.function.UnaryOperator<ServerConfig> tune, java.time.Clock clock)
      throws Exception {
    // the free port is only free when asked: another process may bind it before the server does;
    // then start again on another port, with a fresh data directory (the failed start keeps its own)
    for (int attempt = 1; ; attempt++) {
      Path data = dir.resolve(attempt == 1 ? "data" : "data-" + attempt);
      try {
        VireoServer server = VireoServer.start(tune.apply(ServerConfig.forLoopback(freePort(), data,
            dir.resolve("storage"))), clock);
        return new TestServer(data, server);
      } catch (RuntimeException e) {
        if (attempt == 3 || !(e.getCause() instanceof java.net.BindException)) {
          throw e;
        }
      }
    }
  }

  /**
   * Adds a region to the inventory. The API lists regions but has no route to create one yet;
   * tests of region-scoped accounts need a second region.
   */
  public void addRegion(String id, String name) {
    server.database().jdbi().useHandle(h -> h.createUpdate("INSERT INTO regions (id, name, is_default)"
        + " VALUES (:id, :n, FALSE)").bind("id", id).bind("n", name).execute());
  }

  /**
   * A password recovery token of the account, written as the e-mailed link's would be: for tests
   * that need a valid token without reading a mail (PasswordRecoveryTest reads the real mail).
   */
  public String passwordResetToken(String accountId) {
    String token = dev.vireo.server.config.SecretFiles.randomHex(32);
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    server.database().jdbi().useHandle(h -> h.createUpdate("INSERT INTO password_reset_tokens (token_hash,"
        + " account_id, created_at, expires_at) VALUES (:h, :a, :c, :e)")
        .bind("h", dev.vireo.server.auth.Sessions.sha256(token)).bind("a", accountId).bind("c", now)
        .bind("e", now.plusMinutes(30)).execute());
    return token;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Moves a node to another cluster in the inventory. Nodes register into the default cluster and
   * the API has no route to move one yet; tests of cross-cluster rules need a node elsewhere.
   */
  public void moveNodeToCluster(String nodeId, String clusterId) {
    int n = server.database().jdbi().withHandle(h -> h.createUpdate("UPDATE nodes SET cluster_id = :c WHERE id = :id")
        .bind("c", clusterId).bind("id", nodeId).execute());
    if (n != 1) {
      throw new IllegalStateException("no node " + nodeId);
    }
  }

  /**
   * Moves a cluster to another region in the inventory. Clusters are created in the default region
   * and the API has no route to move one; tests of region filters need resources in a second region.
   */
  public void moveClusterToRegion(String clusterId, String regionId) {
    int n = server.database().jdbi().withHandle(h -> h.createUpdate("UPDATE clusters SET region_id = :r WHERE id = :id")
        .bind("r", regionId).bind("id", clusterId).execute());
    if (n != 1) {
      throw new IllegalStateException("no cluster " + clusterId);
    }
  }

  public Api api() {
    return api;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The SHA-256 fingerprint of the server's certificate, as clients pin it. */
  public String fingerprint() {
    return server.fingerprint();
  }

  public String baseUrl() {
    return server.config().publicUrl();
  }

  public String adminPassword() throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dataDir.resolve("admin-credentials"))) {
      p.load(in);
    }
    return p.getProperty("password");
  }

  public String joinToken() throws IOException {
    return Files.readString(dataDir.resolve("join-token")).strip();
  }

  /** Logs the administrator in and returns a fresh bearer token. */
  public String login() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/auth/login", null,
        "{\"username\":\"admin\",\"password\":\"" + adminPassword() + "\"}");
    if (r.status() != 200) {
      throw new IllegalStateException("login answered " + r.status() + ": " + r.body());
    }
    return r.json().get("token").asText();
  }

  /** The registered fake node (created on first use), so VM placement has somewhere to go. */
  public synchronized FakeAgent fakeAgent() throws Exception {
    if (agent == null) {
      agent = new FakeAgent(baseUrl(), joinToken()).register();
    }
    return agent;
  }

  /** One more fake node (each call registers a new one, on its own port), closed with the server. */
  public synchronized FakeAgent addFakeAgent() throws Exception {
    FakeAgent extra = new FakeAgent(baseUrl(), joinToken()).register();
    extraAgents.add(extra);
    return extra;
  }

  /** The one string column of the row that {@code sql} selects with {@code :key} bound: what the database stores. */
  public String storedValue(String sql, String key) {
    return server.database().jdbi().withHandle(h -> h.createQuery(sql).bind("key", key).mapTo(String.class).one());
  }

  /** A second registered fake node (on 127.0.0.2), created on first use: somewhere to migrate to. */
  public synchronized FakeAgent peerFakeAgent() throws Exception {
    if (peer == null) {
      peer = new FakeAgent(baseUrl(), joinToken(), "127.0.0.2").register();
    }
    return peer;
  }

  @Override
  public void close() throws Exception {
    if (agent != null) {
      agent.close();
    }
    for (FakeAgent extra : extraAgents) {
      extra.close();
    }
    if (peer != null) {
      peer.close();
    }
    server.close();
  }
}
