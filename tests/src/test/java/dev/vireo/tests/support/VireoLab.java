package dev.vireo.tests.support;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A whole Vireo on this host for one test class: the management server and a node agent, each in
 * its own JVM (so a test can SIGKILL either), on free loopback ports, with their data, storage and
 * logs in a fresh directory, driving the host's real libvirtd. {@link #start} returns once the
 * node is CONNECTED, the SDK is logged in and the test guest image is AVAILABLE.
 *
 * <p>{@link #close} stops both JVMs and then, also after a failed test, destroys and undefines
 * exactly the libvirt domains of the VMs this lab created (by name, which is the VM id) and
 * deletes the lab directory. Domains of anyone else on the host are never touched.
 *
 * <p>System properties: {@code vireo.e2e.dir} (parent of the lab directories, default
 * {@code /var/tmp}; not tmpfs), {@code vireo.e2e.keep=true} keeps the lab directory (logs with
 * timestamps, console logs) for a post-mortem. The domains are removed either way.
 */
public final class VireoLab implements AutoCloseable {
  public static final String GUEST_READY = "GUEST-READY";
  private static final Pattern READY = Pattern.compile(Pattern.quote(GUEST_READY));
  private static final Duration SERVER_START = Duration.ofSeconds(90);

  /** Server settings a test may tighten. */
  public record Options(int heartbeatSeconds, int nodeTimeoutSeconds, int jobWorkers, boolean diskQos,
      String extraIni) {
    public Options(int heartbeatSeconds, int nodeTimeoutSeconds, int jobWorkers) {
      this(heartbeatSeconds, nodeTimeoutSeconds, jobWorkers, false, "");
    }

    public Options(int heartbeatSeconds, int nodeTimeoutSeconds, int jobWorkers, boolean diskQos) {
      this(heartbeatSeconds, nodeTimeoutSeconds, jobWorkers, diskQos, "");
    }

    /** The same with more lines for the server's INI file (e.g. a {@code [console]} section). */
    public Options withIni(String lines) {
      return new Options(heartbeatSeconds, nodeTimeoutSeconds, jobWorkers, diskQos, extraIni + lines + "\n");
    }

    public static Options defaults() {
      return new Options(5, 15, 4);
    }

    /** The same with the disk QoS switch {@code [storage] disk_qos} on (ADR 0025). */
    public Options withDiskQos() {
      return new Options(heartbeatSeconds, nodeTimeoutSeconds, jobWorkers, true);
    }
  }

  private final String name;
  private final Path dir;
  private final Path serverData;
  private final Path storage;
  private final int serverPort;
  private final int agentPort;
  private final JavaProcess server;
  private final JavaProcess agent;
  private final Set<String> vmIds = ConcurrentHashMap.newKeySet();
  private final String prefix;
  private volatile VireoClient client;
  private volatile String imageId;

  private VireoLab(String name, Options options) throws IOException {
    this.name = name;
    this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // Not tmpfs: the domains open their disks with cache='none' (O_DIRECT).
    Path base = Path.of(System.getProperty("vireo.e2e.dir", "/var/tmp"));
    Files.createDirectories(base);
    this.dir = Files.createTempDirectory(base, "vireo-e2e-" + name + "-");
    this.serverData = dir.resolve("server");
    this.storage = dir.resolve("storage");
    Files.createDirectories(storage);
    this.serverPort = freePort();
    this.agentPort = freePort();
    Path logs = dir.resolve("log");
    Path serverIni = dir.resolve("server.ini");
    Files.writeString(serverIni, String.join("\n",
        "[server]",
        "listen = 127.0.0.1",
        "port = " + serverPort,
        "public_url = https://127.0.0.1:" + serverPort,
        "data_dir = " + serverData,
        "[storage]",
        "root = " + storage,
        "disk_qos = " + (options.diskQos() ? "on" : "off"),
        "[agent]",
        "heartbeat_seconds = " + options.heartbeatSeconds(),
        "node_timeout_seconds = " + options.nodeTimeoutSeconds(),
        "[jobs]",
        "workers = " + options.jobWorkers(),
        "agent_task_timeout_seconds = 300",
        options.extraIni().contains("[console]") ? options.extraIni()
            : "[console]\nport = 0\nspice_port = 0\n" + options.extraIni(),
        ""));
    this.server = new JavaProcess("dev.vireo.server.ServerMain", serverIni, logs.resolve("server.log"));
    this.agent = new JavaProcess("dev.vireo.agent.AgentMain", dir.resolve("agent.ini"), logs.resolve("agent.log"));
  }

  /** Starts server and agent, logs in, imports the test image; cleans up if any of it fails. */
  public static VireoLab start(String name, Options options) throws Exception {
    Commands.check(List.of("bash", RepoRoot.find().resolve("bin/lib/host-setup.sh").toString()), 120);
    Virsh.requireLibvirt();
    Path image = TestImage.path();
    VireoLab lab = new VireoLab(name, options);
    try {
      long t0 = System.nanoTime();
      lab.startServer();
      long t1 = System.nanoTime();
      lab.writeAgentConfig();
      lab.startAgent();
      lab.awaitNode(NodeState.CONNECTED, Duration.ofSeconds(60));
      lab.allowCpuOvercommit(400);
      long t2 = System.nanoTime();
      lab.importImage(image);
      System.out.printf("%s: server up in %d ms, node connected %d ms later, image imported %d ms later%n", lab,
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
      return lab;
    } catch (Throwable t) {
      String logs = lab.logs();
      lab.close();
      throw new IllegalStateException("the lab did not come up: " + t + "\n" + logs, t);
    }
  }

  public static VireoLab start(String name) throws Exception {
    return start(name, Options.defaults());
  }

  // ---- processes ----

  /** Starts the server JVM (again: same config, same data) and waits until login works. */
  public void startServer() throws InterruptedException {
    server.start();
    long deadline = System.nanoTime() + SERVER_START.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited during start:\n" + server.logTail(4000));
      }
      try {
        Path creds = serverData.resolve("admin-credentials");
        Path fp = serverData.resolve("fingerprint");
        if (Files.exists(creds) && Files.exists(fp)) {
          String password = Files.readAllLines(creds).stream().filter(l -> l.startsWith("password="))
              .map(l -> l.substring("password=".length()).strip()).findFirst().orElseThrow();
          VireoClient c = new VireoClient(URI.create(serverUrl()), Files.readString(fp).strip(), null);
          c.login("admin", password);
          client = c;
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not answer within " + SERVER_START.toSeconds() + " s (" + last
        + "):\n" + server.logTail(4000));
  }

  /** SIGKILL of the server JVM; returns its exit status (137). */
  public int killServer() {
    return server.kill9();
  }

  public void startAgent() {
    agent.start();
  }

  /** SIGKILL of the agent JVM; returns its exit status (137). */
  public int killAgent() {
    return agent.kill9();
  }

  public boolean serverAlive() {
    return server.isAlive();
  }

  private void writeAgentConfig() throws IOException {
    Files.writeString(agent.config(), String.join("\n",
        "[agent]",
        "listen = 127.0.0.1",
        "port = " + agentPort,
        "token_file = " + dir.resolve("agent/agent-token"),
        "libvirt_uri = qemu:///system",
        "domain_type = auto",
        "[server]",
        "url = " + serverUrl(),
        "fingerprint = " + Files.readString(serverData.resolve("fingerprint")).strip(),
        "join_token_file = " + serverData.resolve("join-token"),
        "[storage]",
        "root = " + storage,
        ""));
    Files.createDirectories(dir.resolve("agent"));
  }

  // ---- API helpers ----

  public VireoClient client() {
    return client;
  }

  /** Raw HTTPS to the server, pinned to its certificate (with {@code client().token()} as bearer). */
  public Api api() {
    try {
      return new Api(serverUrl(), Files.readString(serverData.resolve("fingerprint")).strip());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The admin's password the server generated on its first start (its {@code admin-credentials} file). */
  public String adminPassword() {
    try {
      return Files.readAllLines(serverData.resolve("admin-credentials")).stream().filter(l -> l.startsWith("password="))
          .map(l -> l.substring("password=".length()).strip()).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The server certificate's SHA-256 fingerprint, as the agent and the SDK pin it. */
  public String fingerprint() {
    try {
      return Files.readString(serverData.resolve("fingerprint")).strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String serverUrl() {
    return "https://127.0.0.1:" + serverPort;
  }

  public String agentUrl() {
    return "http://127.0.0.1:" + agentPort;
  }

  public String imageId() {
    return imageId;
  }

  /** A VM name unique to this lab (so its domains' titles are recognisable on a shared host). */
  public String vmName(String suffix) {
    return prefix + suffix;
  }

  /** The name prefix of every VM this lab creates. */
  public String vmNamePrefix() {
    return prefix;
  }

  /** Our node as the server sees it. */
  public Optional<Node> node() {
    return client.listNodes().items().stream().filter(n -> agentUrl().equals(n.agentUrl())).findFirst();
  }

  public void awaitNode(NodeState state, Duration timeout) throws InterruptedException {
    await("node " + state, timeout, () -> node().map(n -> n.state() == state).orElse(false));
  }

  /**
   * Raises the default cluster's CPU overcommit: this machine has 2 cores and the tests run more
   * 1-vCPU guests at once than that (the scheduler counts vCPUs against cores times the ratio).
   */
  private void allowCpuOvercommit(int percent) {
    String cluster = client.listClusters().items().get(0).id();
    Job job = client.waitForJob(client.updateCluster(cluster, new UpdateClusterRequest(null, percent)).jobId(),
        Duration.ofSeconds(60));
    if (job.state() != JobState.SUCCEEDED) {
      throw new IllegalStateException("raising the CPU overcommit " + job.state() + ": " + job.error());
    }
  }

  private void importImage(Path image) throws InterruptedException {
    imageId = importImage(image, "guest", BootMode.BIOS);
  }

  /** Imports the test guest once more, to boot it in {@code mode}; returns the image id. */
  public String importImage(Path image, String nameSuffix, BootMode mode) throws InterruptedException {
    Accepted a = client.importImage(new ImportImageRequest(prefix + nameSuffix, "e2e test guest", image.toString(),
        ImageFormat.QCOW2, OsType.LINUX, mode, ImageKind.CUSTOM), "import-" + prefix + nameSuffix);
    Job job = client.waitForJob(a.jobId(), Duration.ofSeconds(120));
    if (job.state() != JobState.SUCCEEDED) {
      throw new IllegalStateException("image import " + job.state() + ": " + job.error());
    }
    return a.resourceId();
  }

  /** POST /vms with the 1C1G spec and the test image; remembers the VM for cleanup. */
  public Accepted createVm(String nameSuffix, boolean start) {
    return createVm(nameSuffix, imageId, start);
  }

  /** POST /vms with the 1C1G spec from {@code image}; remembers the VM for cleanup. */
  public Accepted createVm(String nameSuffix, String image, boolean start) {
    Accepted a = client.createVm(new CreateVmRequest(vmName(nameSuffix), null, image, "1C1G", null, 1, start, null),
        "create-" + prefix + nameSuffix);
    vmIds.add(a.resourceId());
    return a;
  }

  /** Every VM id this lab has been told about (202 answers). */
  public Set<String> vmIds() {
    return Set.copyOf(vmIds);
  }

  public Job waitForJob(String jobId, Duration timeout) {
    return client.waitForJob(jobId, timeout);
  }

  /** Waits for the job and fails with its error unless it SUCCEEDED. */
  public Job succeed(Accepted a, Duration timeout) {
    Job job = client.waitForJob(a.jobId(), timeout);
    if (job.state() != JobState.SUCCEEDED) {
      throw new AssertionError(job.type() + " " + job.id() + " ended " + job.state() + ": " + job.error()
          + "\nserver log:\n" + server.logTail(3000) + "\nagent log:\n" + agent.logTail(3000));
    }
    return job;
  }

  public Vm vm(String id) {
    return client.getVm(id);
  }

  public Vm awaitVmState(String id, VmState state, Duration timeout) throws InterruptedException {
    await("VM " + id + " " + state, timeout, () -> client.getVm(id).state() == state);
    return client.getVm(id);
  }

  /** The VM's console log as written to its storage directory (readable while the agent is down). */
  public String consoleLog(String vmId) {
    Path log = vmDir(vmId).resolve("console.log");
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int readyCount(String serialText) {
    Matcher m = READY.matcher(serialText);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** GUEST-READY lines on the serial log, through the API (server and agent). */
  public int readyCountViaApi(String vmId) {
    return readyCount(client.serialLog(vmId, 1 << 20).text());
  }

  /** Waits until the guest printed GUEST-READY at least {@code n} times (read through the API). */
  public void awaitGuestReady(String vmId, int n, Duration timeout) throws InterruptedException {
    try {
      await(GUEST_READY + " x" + n + " on " + vmId, timeout, () -> readyCountViaApi(vmId) >= n);
    } catch (AssertionError e) {
      String console = consoleLog(vmId);
      throw new AssertionError(e.getMessage() + "\n---- console of " + vmId + " (domain "
          + Virsh.domainState(vmId) + ") ----\n" + console.substring(Math.max(0, console.length() - 3000)), e);
    }
  }

  public Path storage() {
    return storage;
  }

  public Path vmDir(String vmId) {
    return storage.resolve("vms").resolve(vmId);
  }

  public String logs() {
    return "---- server log ----\n" + server.logTail(6000) + "\n---- agent log ----\n" + agent.logTail(4000);
  }

  public String serverLog() {
    return server.logTail(Integer.MAX_VALUE);
  }

  public String agentLog() {
    return agent.logTail(Integer.MAX_VALUE);
  }

  /** Polls {@code condition} every 200 ms; fails with the lab's logs when the time is up. */
  public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
        last = null;
      } catch (RuntimeException e) {
        last = e; // e.g. the server is restarting
      }
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what
            + (last == null ? "" : " (last error: " + last + ")") + "\n" + logs());
      }
      Thread.sleep(200);
    }
  }

  /** Milliseconds until {@code condition} holds, polling every 100 ms; -1 after {@code timeout}. */
  public static long millisUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      } catch (RuntimeException e) {
        // not yet
      }
      Thread.sleep(100);
    }
    return -1;
  }

  /** Value of {@code s} or null if it throws (for diagnostics while a process is down). */
  public static <T> T orNull(Supplier<T> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---- cleanup ----

  @Override
  public void close() {
    Set<String> ours = ConcurrentHashMap.newKeySet();
    ours.addAll(vmIds);
    // VMs this lab's own server knows (its database is fresh, so every one of them is ours).
    if (client != null && server.isAlive()) {
      try {
        client.listVms(null, null).items().forEach(v -> ours.add(v.id()));
      } catch (RuntimeException e) {
        // the server may be dead; the ids we were given are enough
      }
    }
    long t0 = System.nanoTime();
    try {
      agent.stop();
    } finally {
      server.stop();
    }
    System.out.printf("%s: JVMs stopped in %d ms%n", this, (System.nanoTime() - t0) / 1_000_000);
    for (String id : ours) {
      if (id != null && id.startsWith("vm-")) {
        Virsh.remove(id);
      }
    }
    if (!Boolean.getBoolean("vireo.e2e.keep")) {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "VireoLab[" + name + " at " + dir + ", server :" + serverPort + ", agent :" + agentPort + "]";
  }
}
