package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.GuestShell;
import dev.vireo.tests.support.VireoLab;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.model.NodeState;
import dev.vireo.tests.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metrics of a real VM and its node (issue 8, ADR 0033): the node agent samples /proc and
 * libvirt and pushes them; a busy loop in the test guest drives the VM's CPU up, visible through
 * {@code GET /api/v1/metrics} and on {@code /metrics}, parsed as the Prometheus text format; it
 * falls when the loop is killed. The guest agent's figures (white paper 5.10.2, every 10 s here):
 * a TCP connection opened inside the guest shows in {@code tcp_connections}, {@code blocked_processes}
 * is there, and disk space only where the guest has a file system with sizes (the initramfs test
 * guest has none: no disk series rather than a made-up zero).
 */
@Tag("e2e")
@Timeout(420)
class MetricsE2eTest {
  /** A sample line of the text format 0.0.4: name, optional labels, value. */
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("metrics");
    // Ask the guest agents every 10 s instead of 60. VireoLab.Options.withIni only reaches the
    // server's INI, so the agent's own (next to the lab's storage) gets the line and a restart.
    Path agentIni = lab.storage().getParent().resolve("agent.ini");
    Files.writeString(agentIni, "[metrics]\nguest_interval_seconds = 10\n", StandardOpenOption.APPEND);
    int starts = count(lab.agentLog(), "Vireo agent listening");
    lab.killAgent(); // no VM yet
    lab.startAgent();
    lab.await("the agent restarted with guest_interval_seconds = 10", Duration.ofSeconds(60),
        () -> count(lab.agentLog(), "Vireo agent listening") > starts);
    lab.awaitNode(NodeState.CONNECTED, Duration.ofSeconds(60));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aBusyGuestShowsInTheSeriesAndOnThePrometheusEndpoint() throws Exception {
    Accepted a = lab.createVm("busy", true);
    lab.succeed(a, Duration.ofSeconds(120));
    String vm = a.resourceId();
    String node = lab.node().orElseThrow().id();
    GuestShell.awaitAgent(lab, vm, Duration.ofSeconds(120));
    // a busy loop left running when the agent's shell ends; kill -0 fails the step unless it lives
    GuestShell.sh(vm, "busybox sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 & echo $! > /tmp/busy.pid; "
        + "sleep 1; kill -0 $(cat /tmp/busy.pid)");

    try {
      lab.await("the busy VM's CPU above 50 %", Duration.ofSeconds(90), () -> latest("vm", vm, "cpu_usage_percent") > 50);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; vm cpu " + latest("vm", vm, "cpu_usage_percent") + ", node cpu "
          + latest("node", node, "cpu_usage_percent") + "; ps in guest: " + GuestShell.sh(vm, "ps") + "\n" + lab.logs(), e);
    }
    assertTrue(latest("node", node, "memory_total_bytes") > 0);
    assertTrue(latest("node", node, "cpu_usage_percent") > 0);
    assertTrue(latest("vm", vm, "memory_total_bytes") >= 256L * 1024 * 1024, "the guest's memory");

    Map<String, Double> prom = scrape();
    double vmCpu = prom.getOrDefault("vireo_vm_cpu_usage_percent{node=" + node + ",vm=" + vm + "}", -1.0);
    assertTrue(vmCpu > 50, "vireo_vm_cpu_usage_percent of " + vm + " on /metrics: " + vmCpu + "\n" + prom.keySet());
    assertTrue(prom.keySet().stream().anyMatch(k -> k.startsWith("vireo_node_memory_total_bytes{") && k.contains(
        "node=" + node)), prom.keySet().toString());
    assertTrue(prom.keySet().stream().anyMatch(k -> k.startsWith("vireo_cluster_cpu_usage_percent{")),
        prom.keySet().toString());

    GuestShell.sh(vm, "kill $(cat /tmp/busy.pid)");
    lab.await("the VM's CPU back below 30 %", Duration.ofSeconds(90), () -> latest("vm", vm, "cpu_usage_percent") < 30);

    guestAgentFigures(vm, node);
  }

  /** What the node agent's GuestSampler reads through the guest agent reaches the API and /metrics. */
  private static void guestAgentFigures(String vm, String node) throws Exception {
    // a loopback TCP connection inside the guest: both ends count in its CurrEstab
    // (every output redirected, so that the agent's shell can end while they run)
    GuestShell.sh(vm, "(sleep 600 | busybox nc -l -p 7070) </dev/null >/dev/null 2>&1 & sleep 1; "
        + "(sleep 600 | busybox nc 127.0.0.1 7070) </dev/null >/dev/null 2>&1 & sleep 1");
    try {
      lab.await("the guest's TCP connections (>= 2) through the API", Duration.ofSeconds(60),
          () -> latest("vm", vm, "tcp_connections") >= 2);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; tcp_connections " + latest("vm", vm, "tcp_connections")
          + "; in the guest: " + GuestShell.sh(vm, "grep Tcp: /proc/net/snmp") + "\n" + lab.logs(), e);
    }
    double blocked = latest("vm", vm, "blocked_processes");
    assertTrue(blocked >= 0, "the guest's procs_blocked through the API: " + blocked);

    Map<String, Double> prom = scrape();
    String labels = "{node=" + node + ",vm=" + vm + "}";
    assertTrue(prom.getOrDefault("vireo_vm_tcp_connections" + labels, -1.0) >= 2, prom.keySet().toString());
    assertTrue(prom.containsKey("vireo_vm_blocked_processes" + labels), prom.keySet().toString());

    if (guestHasSizedFileSystems(vm)) {
      lab.await("the guest's disk space through the API", Duration.ofSeconds(60),
          () -> latest("vm", vm, "disk_total_bytes") > 0);
      assertTrue(latest("vm", vm, "disk_used_bytes") > 0);
    } else {
      // the test guest lives in its initramfs: no file system to measure, and none is invented
      assertTrue(Double.isNaN(latest("vm", vm, "disk_used_bytes")), "no disk_used_bytes for a guest without a disk "
          + "file system: " + latest("vm", vm, "disk_used_bytes"));
      assertTrue(Double.isNaN(latest("vm", vm, "disk_total_bytes")));
    }
  }

  /** True when the guest's agent gives fsinfo sizes or its df shows a block device (as GuestSampler counts). */
  private static boolean guestHasSizedFileSystems(String vm) throws Exception {
    JsonNode fsinfo = new ObjectMapper().readTree(Commands.check(List.of("virsh", "-c", "qemu:///system",
        "qemu-agent-command", vm, "{\"execute\":\"guest-get-fsinfo\"}"), 30)).path("return");
    for (JsonNode fs : fsinfo) {
      if (fs.has("total-bytes") && !List.of("tmpfs", "rootfs", "squashfs", "iso9660").contains(fs.path("type").asText())) {
        return true;
      }
    }
    return GuestShell.sh(vm, "df -P -k").lines().anyMatch(l -> l.startsWith("/dev/") && !l.startsWith("/dev/loop"));
  }

  /** The newest point of the last five minutes through the API (NaN when none). */
  private static double latest(String type, String id, String metric) {
    try {
      Api.Reply r = api().send("GET", "/api/v1/metrics?resourceType=" + type + "&resourceId=" + id + "&metric=" + metric
          + "&from=" + java.time.Instant.now().minusSeconds(300), token(), null);
      assertEquals(200, r.status(), r.toString());
      var points = r.json().path("points");
      return points.isEmpty() ? Double.NaN : points.get(points.size() - 1).path("value").asDouble();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses /metrics: every sample as "name{label=value,...}" (labels sorted) → value; checks each line. */
  private static Map<String, Double> scrape() throws Exception {
    Api.Reply r = api().send("GET", "/metrics", token(), null);
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("text/plain; version=0.0.4"), r.header("Content-Type"));
    Map<String, Double> out = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] p = line.split(" ");
        types.put(p[2], p[3]);
        continue;
      }
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line: " + line);
      assertEquals("gauge", types.get(m.group(1)), "no TYPE before " + line);
      List<String> labels = new java.util.ArrayList<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.add(l.group(1) + "=" + l.group(2));
        }
      }
      java.util.Collections.sort(labels);
      out.put(m.group(1) + "{" + String.join(",", labels) + "}", Double.parseDouble(m.group(4)));
    }
    return out;
  }

  private static Api api() {
    return lab.api();
  }

  private static String token() {
    return lab.client().token();
  }
}
