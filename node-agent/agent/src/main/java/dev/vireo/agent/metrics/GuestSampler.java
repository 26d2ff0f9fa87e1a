package dev.vireo.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.Hypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the QEMU guest agent of each running Vireo domain tells about the guest (white paper
 * 5.10.2; resource type "vm", resource id the domain name):
 *
 * <ul>
 *   <li>{@code disk_used_bytes} / {@code disk_total_bytes}: the sums of {@code used-bytes} and
 *       {@code total-bytes} of {@code guest-get-fsinfo} over the guest's file systems, each device
 *       counted once (bind mounts, subvolumes) and pseudo file systems (tmpfs, squashfs, iso9660, ...)
 *       left out; when fsinfo gives no sizes (an old agent, or no file system it reports), from
 *       {@code df -P -k} run with {@code guest-exec}: the rows of block devices ({@code /dev/...} but
 *       loop devices), each once;
 *   <li>{@code tcp_connections}: {@code CurrEstab} of the Tcp lines of the guest's /proc/net/snmp
 *       (IPv4 and IPv6 sockets alike on Linux); {@code blocked_processes}: {@code procs_blocked} of
 *       its /proc/stat — both from one {@code guest-exec} of
 *       {@code /bin/sh -c "cat /proc/net/snmp /proc/stat"}.
 * </ul>
 *
 * <p>The guest agents are asked on a daemon thread of this sampler's own, every
 * {@code [metrics] guest_interval_seconds}, never on the metrics pusher's: each agent call waits at
 * most {@value #AGENT_TIMEOUT_SECONDS} s, a guest-exec at most as long for its process, and a round
 * stops starting domains after {@link #MAX_ROUND_NANOS} (or one interval, when shorter); the domains
 * it did not reach go first in the next. The latest figures of each domain are cached;
 * {@link #sample} returns those of the domains still running that are at most two intervals old.
 *
 * <p>A domain whose guest agent does not answer (booting, none installed) is retried after one
 * interval, then after twice as long after every further failure, at most every
 * {@link #MAX_RETRY_NANOS 10 minutes}: a booting VM shows its figures soon, one without an agent
 * costs one quick call every ten minutes. A guest that answers but refuses {@code guest-exec}
 * (Windows has no /bin/sh; exec may be blocked) keeps its fsinfo figures, and exec is tried again
 * after ten minutes. All of this is logged at DEBUG; only something unexpected is logged at WARN,
 * once per domain.
 */
public final class GuestSampler implements MetricsPusher.Source, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GuestSampler.class);
  static final int AGENT_TIMEOUT_SECONDS = 5;
  static final long EXEC_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
  static final long MAX_RETRY_NANOS = TimeUnit.MINUTES.toNanos(10);
  static final long MAX_ROUND_NANOS = TimeUnit.SECONDS.toNanos(30);
  static final String PROC_SCRIPT = "cat /proc/net/snmp /proc/stat";
  static final String DF_SCRIPT = "df -P -k";
  private static final Pattern SPACES = Pattern.compile("\\s+");
  /** File system types that hold no guest disk space (compared in lower case). */
  static final Set<String> PSEUDO = Set.of("rootfs", "tmpfs", "devtmpfs", "ramfs", "proc", "sysfs", "devpts",
      "cgroup", "cgroup2", "securityfs", "debugfs", "tracefs", "pstore", "bpf", "hugetlbfs", "mqueue", "configfs",
      "efivarfs", "binfmt_misc", "nsfs", "fusectl", "autofs", "overlay", "squashfs", "iso9660", "udf", "cdfs",
      "fuse.gvfsd-fuse", "fuse.lxcfs");

  private final Hypervisor hypervisor;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  /** The latest figures per domain: written by the refresh thread, read by {@link #sample}. */
  private final Map<String, Figures> latest = new ConcurrentHashMap<>();
  /** What the refresh thread knows of each running domain's agent (that thread only). */
  private final Map<String, Guest> guests = new HashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "guest-metrics");
    t.setDaemon(true);
    return t;
  });

  /** One domain's figures and when (nano clock) they were read. */
  record Figures(long nanos, Map<String, Double> values) {}

  private static final class Guest {
    long lastTried = Long.MIN_VALUE; // never
    int failures;
    long retryAt;
    boolean backedOff;
    long execRetryAt;
    boolean execRefused;
    long dfRetryAt;
    boolean dfFailed;
  }

  public GuestSampler(Hypervisor hypervisor, int intervalSeconds) {
    this(hypervisor, intervalSeconds, System::nanoTime);
  }

  GuestSampler(Hypervisor hypervisor, int intervalSeconds, LongSupplier nanoClock) {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException("interval must be at least 1 s");
    }
    this.hypervisor = hypervisor;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
    this.nanoClock = nanoClock;
  }

  /** Starts the refresh thread: a first round now, then one every interval. */
  public GuestSampler start() {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        refresh();
      } catch (Throwable e) { // the schedule must survive anything (e.g. libvirt unreachable)
        LOG.debug("guest metrics round failed: {}", e.toString());
      }
    }, 0, intervalNanos, TimeUnit.NANOSECONDS);
    return this;
  }

  /**
   * The cached figures of every running domain that are at most two intervals old, in the order of
   * {@link MetricNames#VM}; the figures of domains no longer running, and stale ones, are dropped.
   */
  @Override
  public List<MetricSample> sample(String nodeId) {
    Set<String> running = new TreeSet<>(runningDomains());
    long now = nanoClock.getAsLong();
    latest.keySet().retainAll(running);
    List<MetricSample> out = new ArrayList<>();
    for (String domain : running) {
      Figures f = latest.get(domain);
      if (f == null) {
        continue;
      }
      if (now - f.nanos() > 2 * intervalNanos) {
        latest.remove(domain, f);
        continue;
      }
      out.addAll(Deltas.samples("vm", domain, MetricNames.VM, f.values()));
    }
    return out;
  }

  /** One round over the running domains (the refresh thread's work; called directly by tests). */
  synchronized void refresh() {
    long start = nanoClock.getAsLong();
    List<String> running = runningDomains();
    guests.keySet().retainAll(running); // a domain started again gets a fresh start
    latest.keySet().retainAll(running);
    List<String> order = new ArrayList<>(running);
    order.sort(Comparator.comparingLong((String d) -> guests.containsKey(d) ? guests.get(d).lastTried : Long.MIN_VALUE)
        .thenComparing(Comparator.naturalOrder()));
    long budget = Math.min(MAX_ROUND_NANOS, intervalNanos);
    for (String domain : order) {
      long now = nanoClock.getAsLong();
      if (Thread.currentThread().isInterrupted() || now - start > budget) {
        return; // the rest go first next round
      }
      Guest g = guests.computeIfAbsent(domain, d -> new Guest());
      if (g.backedOff && now - g.retryAt < 0) {
        continue;
      }
      g.lastTried = now;
      try {
        refresh(domain, g, now);
      } catch (RuntimeException e) { // a bug or an answer of a shape nobody expected
        if (Thread.currentThread().isInterrupted()) {
          return; // closing
        }
        backOff(domain, g, now, e.toString());
        if (warned.add(domain)) {
          LOG.warn("cannot read the guest metrics of {}: {}", domain, e.toString());
        }
      }
    }
  }

  private void refresh(String domain, Guest g, long now) {
    try {
      call(domain, "{\"execute\":\"guest-ping\"}");
    } catch (CommandFailedException e) {
      backOff(domain, g, now, e.getMessage());
      return;
    }
    Map<String, Double> v = new HashMap<>();
    boolean sized = false;
    try {
      sized = fsinfo(call(domain, "{\"execute\":\"guest-get-fsinfo\"}"), v);
    } catch (CommandFailedException e) {
      LOG.debug("no guest-get-fsinfo from {}: {}", domain, e.getMessage());
    }
    if (!g.execRefused || now - g.execRetryAt >= 0) {
      try {
        proc(exec(domain, PROC_SCRIPT), v);
        g.execRefused = false;
      } catch (CommandFailedException e) {
        g.execRefused = true;
        g.execRetryAt = now + MAX_RETRY_NANOS;
        LOG.debug("{} refuses guest-exec (tried again in 10 minutes): {}", domain, e.getMessage());
      }
    }
    if (!sized && !g.execRefused && (!g.dfFailed || now - g.dfRetryAt >= 0)) {
      try {
        df(exec(domain, DF_SCRIPT), v);
        g.dfFailed = false;
      } catch (CommandFailedException e) {
        g.dfFailed = true;
        g.dfRetryAt = now + MAX_RETRY_NANOS;
        LOG.debug("no df from {} (tried again in 10 minutes): {}", domain, e.getMessage());
      }
    }
    if (v.isEmpty()) {
      backOff(domain, g, now, "its guest agent answers but reports nothing");
      return;
    }
    g.failures = 0;
    g.backedOff = false;
    latest.put(domain, new Figures(now, Map.copyOf(v)));
  }

  /** Retry after one interval, twice as long after each further failure, at most 10 minutes. */
  private void backOff(String domain, Guest g, long now, String why) {
    g.failures++;
    long delay = intervalNanos;
    for (int i = 1; i < g.failures && delay < MAX_RETRY_NANOS; i++) {
      delay *= 2;
    }
    delay = Math.min(delay, MAX_RETRY_NANOS);
    g.backedOff = true;
    g.retryAt = now + delay;
    latest.remove(domain);
    LOG.debug("no guest metrics from {} (failure {}, next try in {} s): {}", domain, g.failures,
        TimeUnit.NANOSECONDS.toSeconds(delay), why);
  }

  private List<String> runningDomains() {
    List<String> out = new ArrayList<>();
    for (DomainStatus d : hypervisor.domains(VmSampler.DOMAIN_PREFIX)) {
      if (d.state() == DomainPowerState.RUNNING || d.state() == DomainPowerState.BLOCKED) {
        out.add(d.domainName());
      }
    }
    return out;
  }

  // --- the guest agent ---

  /** One agent command; its answer's {@code return}. An error answer throws like a silent agent. */
  private JsonNode call(String domain, String json) {
    String answer = hypervisor.guestAgentCommand(domain, json, AGENT_TIMEOUT_SECONDS);
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(answer == null ? "" : answer);
    } catch (IOException e) {
      throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "the guest agent answered no JSON: " + answer, e);
    }
    if (tree == null || !tree.has("return")) {
      throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "the guest agent answered " + answer);
    }
    return tree.get("return");
  }

  /** {@code /bin/sh -c script} in the guest; its standard output (whatever its exit code). */
  private String exec(String domain, String script) {
    ObjectNode cmd = Json.MAPPER.createObjectNode();
    cmd.put("execute", "guest-exec");
    ObjectNode a = cmd.putObject("arguments");
    a.put("path", "/bin/sh");
    a.putArray("arg").add("-c").add(script);
    a.put("capture-output", true);
    long pid = call(domain, cmd.toString()).path("pid").asLong(-1);
    if (pid < 0) {
      throw new CommandFailedException("GUEST_EXEC_FAILED", "guest-exec started no process");
    }
    long deadline = System.nanoTime() + EXEC_TIMEOUT_NANOS;
    while (true) {
      JsonNode status = call(domain, "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}");
      if (status.path("exited").asBoolean()) {
        JsonNode out = status.path("out-data");
        return out.isMissingNode() || out.isNull() ? ""
            : new String(Base64.getDecoder().decode(out.asText()), StandardCharsets.UTF_8);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CommandFailedException("GUEST_EXEC_FAILED", script + " did not end within "
            + TimeUnit.NANOSECONDS.toSeconds(EXEC_TIMEOUT_NANOS) + " s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailedException("INTERRUPTED", "the agent is stopping", e);
      }
    }
  }

  // --- parsing (package-private for the tests) ---

  /**
   * Puts disk used/total from a {@code guest-get-fsinfo} answer's {@code return}; false when it
   * gives no sizes for any real file system.
   */
  static boolean fsinfo(JsonNode filesystems, Map<String, Double> v) {
    if (filesystems == null || !filesystems.isArray()) {
      return false;
    }
    Map<String, long[]> byDevice = new LinkedHashMap<>();
    for (JsonNode fs : filesystems) {
      String type = fs.path("type").asText("").toLowerCase(Locale.ROOT);
      JsonNode total = fs.get("total-bytes");
      JsonNode used = fs.get("used-bytes");
      if (PSEUDO.contains(type) || total == null || used == null || !total.canConvertToLong() || total.asLong() <= 0) {
        continue;
      }
      String device = fs.path("name").asText("");
      if (device.isBlank()) {
        device = fs.path("mountpoint").asText("");
      }
      byDevice.putIfAbsent(device, new long[] {used.asLong(), total.asLong()});
    }
    return putDisk(byDevice, v);
  }

  /** Puts disk used/total from {@code df -P -k} output (block devices but loops, each once); false when none. */
  static boolean df(String out, Map<String, Double> v) {
    Map<String, long[]> byDevice = new LinkedHashMap<>();
    boolean header = false;
    for (String line : out.split("\n")) {
      String[] f = SPACES.split(line.strip());
      if (f[0].equals("Filesystem")) {
        header = true;
        continue;
      }
      if (!header || f.length < 6 || !f[0].startsWith("/") || f[0].startsWith("/dev/loop")) {
        continue;
      }
      try {
        long blocks = Long.parseLong(f[1]);
        long used = Long.parseLong(f[2]);
        if (blocks > 0) {
          byDevice.putIfAbsent(f[0], new long[] {used * 1024, blocks * 1024});
        }
      } catch (NumberFormatException e) {
        // a line of another shape (a device name with spaces): left out
      }
    }
    if (!header) {
      throw new CommandFailedException("GUEST_EXEC_FAILED", "df printed no table: " + abbreviate(out));
    }
    return putDisk(byDevice, v);
  }

  private static boolean putDisk(Map<String, long[]> byDevice, Map<String, Double> v) {
    if (byDevice.isEmpty()) {
      return false;
    }
    long used = 0;
    long total = 0;
    for (long[] d : byDevice.values()) {
      used += d[0];
      total += d[1];
    }
    v.put(MetricNames.DISK_USED_BYTES, (double) used);
    v.put(MetricNames.DISK_TOTAL_BYTES, (double) total);
    return true;
  }

  /**
   * Puts {@code tcp_connections} and {@code blocked_processes} from /proc/net/snmp followed by
   * /proc/stat; fails when neither is there (the command did not run as it should).
   */
  static void proc(String out, Map<String, Double> v) {
    String[] tcpHeader = null;
    boolean found = false;
    for (String line : out.split("\n")) {
      String[] f = SPACES.split(line.strip());
      try {
        if (f[0].equals("Tcp:")) {
          if (tcpHeader == null) {
            tcpHeader = f;
            continue;
          }
          for (int i = 1; i < Math.min(tcpHeader.length, f.length); i++) {
            if (tcpHeader[i].equals("CurrEstab")) {
              v.put(MetricNames.TCP_CONNECTIONS, Double.parseDouble(f[i]));
              found = true;
            }
          }
        } else if (f[0].equals("procs_blocked") && f.length > 1) {
          v.put(MetricNames.BLOCKED_PROCESSES, Double.parseDouble(f[1]));
          found = true;
        }
      } catch (NumberFormatException e) {
        // not a counter: left out
      }
    }
    if (!found) {
      throw new CommandFailedException("GUEST_EXEC_FAILED", "no Tcp CurrEstab nor procs_blocked in: "
          + abbreviate(out));
    }
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "...";
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
