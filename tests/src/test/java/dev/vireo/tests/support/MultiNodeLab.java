package dev.vireo.tests.support;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.Node;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A lab made by {@code bin/vireo lab} (ADR 0008) for one test: its own directory, namespace
 * prefix, bridge, subnet and port, so a developer's lab (or another test's) is never touched.
 * {@link #close()} runs {@code lab down}, which removes everything by PID, also after a failure.
 */
public final class MultiNodeLab implements AutoCloseable {
  private final String name;
  private final String bridge;
  private final String net;
  private final Path dir;
  private final int port;
  private final Map<String, String> env = new HashMap<>();
  private VireoClient client;

  /**
   * A lab named {@code name} (namespace prefix) on bridge {@code bridge} (at most 9 characters)
   * and management subnet {@code net} (three octets, e.g. {@code 10.247.0}), kept in {@code dir}.
   */
  public MultiNodeLab(String name, String bridge, String net, Path dir) throws IOException {
    this.name = name;
    this.bridge = bridge;
    this.net = net;
    this.dir = dir;
    this.port = freePort();
    env.putAll(Map.of("VIREO_LAB_DIR", dir.toString(), "VIREO_LAB_NAME", name, "VIREO_LAB_BRIDGE", bridge,
        "VIREO_LAB_NET", net, "VIREO_LAB_PORT", String.valueOf(port), "VIREO_SKIP_BUILD", "1",
        "VIREO_TEST_IMAGE", TestImage.path().toString()));
  }

  /** Extra environment for {@code bin/vireo lab} (e.g. server settings); before {@link #up}. */
  public MultiNodeLab env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** Removes what an earlier, killed run left (same names: only ever ours), then starts N nodes. */
  public MultiNodeLab up(int nodes) {
    lab(60, "down");
    lab(240, "up", String.valueOf(nodes));
    return this;
  }

  /** Runs {@code bin/vireo lab args...}; a non-zero exit fails the test with the output. */
  public Commands.Result lab(long timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of(RepoRoot.find().resolve("bin/vireo").toString(), "lab"));
    cmd.addAll(List.of(args));
    Commands.Result r = Commands.run(cmd, env, timeoutSeconds);
    System.out.println("---- vireo lab " + String.join(" ", args) + " ----\n" + r.output());
    if (r.exitCode() != 0) {
      throw new AssertionError("vireo lab " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r;
  }

  /** An SDK client logged in as the lab's admin (made once). */
  public VireoClient client() throws IOException {
    if (client == null) {
      Path data = dir.resolve("server");
      String password = Files.readAllLines(data.resolve("admin-credentials")).stream()
          .filter(l -> l.startsWith("password=")).map(l -> l.substring("password=".length()).strip()).findFirst()
          .orElseThrow();
      VireoClient c = new VireoClient(URI.create("https://" + net + ".1:" + port),
          Files.readString(data.resolve("fingerprint")).strip(), null);
      c.login("admin", password);
      client = c;
    }
    return client;
  }

  /** Node id → hostname (n1, n2, ...). */
  public Map<String, String> hostnames() throws IOException {
    return client().listNodes().items().stream().collect(Collectors.toMap(Node::id, Node::hostname));
  }

  /** The PID holding a node's namespaces ({@code n1}.., or {@code sw} for the switch). */
  public String holder(String host) throws IOException {
    return Files.readString(dir.resolve("nodes/" + host + "/holder.pid")).strip();
  }

  /** {@code virsh} inside a node; fails on a non-zero exit. */
  public String virsh(String host, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", holder(host), "-m", "-n", "virsh", "-c",
        "qemu:///system"));
    cmd.addAll(List.of(args));
    return Commands.check(cmd, 30);
  }

  /** Domain names libvirt on a node knows (running or not). */
  public List<String> domains(String host) throws IOException {
    return virsh(host, "list", "--all", "--name").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * {@code kill -9} of every process in a node's network namespace ({@code n1}..), as a power loss
   * would: listed with {@code ip netns pids} and killed until none is left, because the node's
   * agent starts short-lived children (ovs-vsctl, virsh) that may end, or appear, meanwhile.
   */
  public void killEverythingIn(String host) {
    String ns = name + "-" + host;
    for (int round = 0; round < 20; round++) {
      List<String> pids = Commands.check(List.of("ip", "netns", "pids", ns), 10).lines().map(String::strip)
          .filter(p -> !p.isEmpty()).toList();
      if (pids.isEmpty()) {
        return;
      }
      List<String> kill = new ArrayList<>(List.of("kill", "-9"));
      kill.addAll(pids);
      Commands.run(kill, 10); // "No such process" for one that ended meanwhile is fine
    }
    throw new AssertionError("processes keep appearing in " + ns);
  }

  /** Waits for the job and asserts it succeeded, with its error in the message. */
  public Job succeed(Accepted a, Duration timeout) throws IOException {
    Job job = client().waitForJob(a.jobId(), timeout);
    if (job.state() != JobState.SUCCEEDED) {
      throw new AssertionError(job.type() + " " + job.resourceId() + " ended " + job.state() + ": " + job.error());
    }
    return job;
  }

  /** Waits until the VM's serial console (in the shared storage) shows {@code n} GUEST-READY lines. */
  public void awaitGuestReady(String vmId, int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (VireoLab.readyCount(client().serialLog(vmId, 1 << 20).text()) < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(vmId + " printed fewer than " + n + " " + VireoLab.GUEST_READY + ":\n"
            + client().serialLog(vmId, 4096).text());
      }
      Thread.sleep(500);
    }
  }

  /**
   * Creates a VM on the chosen node (the other nodes locked meanwhile, unlocked after) and waits
   * for the job; returns its id.
   */
  public String createVmOn(String nodeId, dev.vireo.api.model.CreateVmRequest request) throws Exception {
    VireoClient c = client();
    List<String> others = c.listNodes().items().stream().map(Node::id).filter(id -> !id.equals(nodeId)).toList();
    for (String n : others) {
      succeed(c.lockNode(n, true), Duration.ofSeconds(30));
    }
    try {
      Accepted created = c.createVm(request, request.name() + "-" + port);
      succeed(created, Duration.ofSeconds(120));
      String placed = c.getVm(created.resourceId()).nodeId();
      if (!nodeId.equals(placed)) {
        throw new AssertionError(request.name() + " placed on " + placed + ", not " + nodeId);
      }
      return created.resourceId();
    } finally {
      for (String n : others) {
        succeed(c.lockNode(n, false), Duration.ofSeconds(30));
      }
    }
  }

  /** Waits until the guest's QEMU agent answers on its node. */
  public void awaitGuestAgent(String host, String vm) throws InterruptedException {
    if (VireoLab.millisUntil(Duration.ofSeconds(60), () -> GuestExec.agentUp(this, host, vm)) < 0) {
      throw new AssertionError("the guest agent of " + vm + " does not answer");
    }
  }

  public Path dir() {
    return dir;
  }

  public String name() {
    return name;
  }

  public String bridge() {
    return bridge;
  }

  public String net() {
    return net;
  }

  public int port() {
    return port;
  }

  /** {@code lab down}; a failure here is reported, never hides the test's own failure. */
  @Override
  public void close() {
    try {
      lab(120, "down");
    } catch (RuntimeException | AssertionError e) {
      System.err.println("lab down failed: " + e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
