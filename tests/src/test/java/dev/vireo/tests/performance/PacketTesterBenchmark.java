package dev.vireo.tests.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.secgroup.FilterCompiler;
import dev.vireo.server.secgroup.PacketTester;
import dev.vireo.server.secgroup.SecurityRules;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.RepoRoot;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packet-tester latency for a NIC with 200 rules in 5 groups (ADR 0018), a measurement, not a
 * pass/fail test (tag "benchmark"; runs only with {@code -Dbench.packetTester=true}, which
 * tests/performance/packet-tester-benchmark.sh sets). Three numbers: the tester in process over
 * the NIC's ordered rules; {@code POST /api/v1/security-groups/test} by vmId + nicIndex over HTTPS
 * against a TestServer with a fake node; and FilterCompiler's time for the same 200 rules. Writes
 * the docs/benchmarks.md section to tests/target/packet-tester-benchmark.md for the script.
 */
@Tag("benchmark")
class PacketTesterBenchmark {
  static final int GROUPS = 5;
  static final int RULES_PER_GROUP = 40;
  private static final int HTTP_THREADS = Integer.getInteger("bench.threads", 4);
  private static final int HTTP_SECONDS = Integer.getInteger("bench.seconds", 10);

  @TempDir
  Path dir;

  /** Rule {@code i} of group {@code g}: a mix of directions, protocols, ports, ranges, CIDRs, v4 and v6. */
  static String[] rule(int g, int i) {
    int n = g * RULES_PER_GROUP + i;
    String direction = i % 3 == 2 ? "egress" : "ingress";
    String action = i % 7 == 3 ? "drop" : "accept";
    String priority = new String[] {"high", "medium", "low"}[n % 3];
    String address = switch (i % 5) {
      case 0 -> "10." + g + "." + i + ".0/24";
      case 1 -> "172.16." + n + "." + (i + 1);
      case 2 -> "10." + (20 + g) + ".0.0/16";
      case 3 -> "fd00:" + g + ":" + i + "::/64";
      default -> "0.0.0.0/0";
    };
    String protocol;
    String ports = null;
    switch (i % 6) {
      case 0 -> { protocol = "tcp"; ports = Integer.toString(1000 + n); }
      case 1 -> { protocol = "tcp"; ports = (2000 + 10 * n) + "-" + (2000 + 10 * n + 7) + "," + (30000 + n); }
      case 2 -> { protocol = "udp"; ports = Integer.toString(5000 + n); }
      case 3 -> protocol = address.contains(":") ? "icmpv6" : "icmpv4";
      case 4 -> protocol = "ssh";
      default -> protocol = "https";
    }
    return new String[] {direction, protocol, ports, address, action, priority};
  }

  static List<Rule> orderedRules() {
    List<List<Rule>> groups = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      List<RuleSpec> specs = new ArrayList<>();
      for (int i = 0; i < RULES_PER_GROUP; i++) {
        String[] r = rule(g, i);
        specs.add(new RuleSpec(r[0], r[1], r[2], null, r[3], null, r[4], r[5], null));
      }
      groups.add(SecurityRules.check("g" + g, g, "rules", specs, Map.of(), Map.of()));
    }
    return SecurityRules.ordered(groups);
  }

  /** A test packet: most match late or not at all (the tester then reads every rule of the direction). */
  record Packet(Direction direction, Protocol protocol, String remote, Integer port) {
    String json(String vmId) {
      return "{\"vmId\":\"" + vmId + "\",\"nicIndex\":0,\"direction\":\"" + direction + "\",\"protocol\":\"" + protocol
          + "\",\"" + (direction == Direction.INGRESS ? "sourceAddress" : "destinationAddress") + "\":\"" + remote + "\""
          + (port == null ? "" : ",\"port\":" + port) + "}";
    }
  }

  static final List<Packet> PACKETS = List.of(
      new Packet(Direction.INGRESS, Protocol.TCP, "192.0.2.7", 8080),
      new Packet(Direction.INGRESS, Protocol.TCP, "10.3.10.9", 1130),
      new Packet(Direction.EGRESS, Protocol.UDP, "198.51.100.1", 53),
      new Packet(Direction.INGRESS, Protocol.ICMPV6, "fd00:4:33::1", null),
      new Packet(Direction.INGRESS, Protocol.TCP, "10.24.1.1", 22),
      new Packet(Direction.EGRESS, Protocol.TCP, "203.0.113.9", 443));

  @Test
  void packetTesterLatencyFor200RulesIn5Groups() throws Exception {
    assumeTrue(Boolean.getBoolean("bench.packetTester"), "a measurement: run tests/performance/packet-tester-benchmark.sh");
    List<Rule> ordered = orderedRules();
    assertEquals(GROUPS * RULES_PER_GROUP, ordered.size());

    // in process: the tester over the NIC's ordered rules
    List<IpAddresses.Ip> remotes = PACKETS.stream().map(p -> IpAddresses.parse(p.remote())).toList();
    for (int i = 0; i < 200_000; i++) { // warm-up
      Packet p = PACKETS.get(i % PACKETS.size());
      PacketTester.test(ordered, p.direction(), p.protocol(), remotes.get(i % PACKETS.size()), p.port());
    }
    long[] tester = new long[200_000];
    for (int i = 0; i < tester.length; i++) {
      Packet p = PACKETS.get(i % PACKETS.size());
      long t0 = System.nanoTime();
      PacketTester.test(ordered, p.direction(), p.protocol(), remotes.get(i % PACKETS.size()), p.port());
      tester[i] = System.nanoTime() - t0;
    }

    // FilterCompiler for the same 200 rules
    int matches = 0;
    for (int i = 0; i < 2_000; i++) {
      matches = FilterCompiler.compile("52:54:00:aa:bb:cc", List.of("10.0.0.5", "fd00::5"), ordered).rules().size();
    }
    long[] compile = new long[2_000];
    for (int i = 0; i < compile.length; i++) {
      long t0 = System.nanoTime();
      NicFilter f = FilterCompiler.compile("52:54:00:aa:bb:cc", List.of("10.0.0.5", "fd00::5"), ordered);
      compile[i] = System.nanoTime() - t0;
      matches = f.rules().size();
    }

    Http http = overHttps();
    String section = section(tester, compile, matches, http);
    Path out = RepoRoot.find().resolve("tests/target/packet-tester-benchmark.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, section);
    System.out.println(section);
  }

  /** The tester's run and, for scale, {@code GET /api/v1/ping} with the same clients on the same server. */
  record Http(long[] latencies, double requestsPerSecond, long[] ping, double pingPerSecond, int threads, int seconds) {}

  /** POST /api/v1/security-groups/test by vmId + nicIndex, {@link #HTTP_THREADS} clients for {@link #HTTP_SECONDS} s. */
  private Http overHttps() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    try (TestServer server = TestServer.start(dir)) {
      Api api = server.api();
      String token = server.login();
      server.fakeAgent();
      String image = Fixtures.importImage(server, token, dir, "bench-image");
      api.succeeded(token, api.send("POST", "/api/v1/networks", token, "{\"name\":\"bench\",\"uplink\":\"trunk0\","
          + "\"ipv4Subnet\":\"10.99.0.0/24\",\"ipv6Subnet\":\"fd00:99::/64\"}"));
      List<String> names = new ArrayList<>();
      for (int g = 0; g < GROUPS; g++) {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < RULES_PER_GROUP; i++) {
          String[] r = rule(g, i);
          rules.add("{\"direction\":\"" + r[0] + "\",\"protocol\":\"" + r[1] + "\"" + (r[2] == null ? ""
              : ",\"ports\":\"" + r[2] + "\"") + ",\"address\":\"" + r[3] + "\",\"action\":\"" + r[4]
              + "\",\"priority\":\"" + r[5] + "\"}");
        }
        api.succeeded(token, api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"g" + g + "\",\"rules\":["
            + String.join(",", rules) + "]}"));
        names.add("\"g" + g + "\"");
      }
      Api.Reply vm = api.send("POST", "/api/v1/vms", token, "{\"name\":\"bench-vm\",\"image\":\"" + image
          + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":false,\"nics\":[{\"network\":\"bench\","
          + "\"securityGroups\":[" + String.join(",", names) + "]}]}");
      api.succeeded(token, vm);
      String vmId = vm.json().get("resourceId").asText();
      List<String> bodies = PACKETS.stream().map(p -> p.json(vmId)).toList();
      Api.Reply probe = api.send("POST", "/api/v1/security-groups/test", token, bodies.get(0));
      assertEquals(200, probe.status(), probe.toString());
      assertEquals(orderedRules().stream().filter(r -> r.direction() == Direction.INGRESS).count(),
          probe.json().get("order").size(), "the NIC's ingress rules, all 5 groups");

      run(api, token, bodies, HTTP_THREADS, 3); // warm-up
      run(api, token, null, HTTP_THREADS, 3);
      long t0 = System.nanoTime();
      long[] latencies = run(api, token, bodies, HTTP_THREADS, HTTP_SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      long[] ping = run(api, token, null, HTTP_THREADS, HTTP_SECONDS);
      double pingSeconds = (System.nanoTime() - t1) / 1e9;
      return new Http(latencies, latencies.length / seconds, ping, ping.length / pingSeconds, HTTP_THREADS,
          HTTP_SECONDS);
    }
  }

  /** Requests by {@code threads} clients for {@code seconds}: the tester with {@code bodies} in turn, or ping when null. */
  private static long[] run(Api api, String token, List<String> bodies, int threads, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          List<Long> mine = new ArrayList<>();
          for (int i = offset; System.nanoTime() < end; i++) {
            long s = System.nanoTime();
            Api.Reply r = bodies == null ? api.send("GET", "/api/v1/ping", token, null)
                : api.send("POST", "/api/v1/security-groups/test", token, bodies.get(i % bodies.size()));
            mine.add(System.nanoTime() - s);
            if (r.status() != 200) {
              throw new AssertionError(r.toString());
            }
          }
          return mine;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      return all.stream().mapToLong(Long::longValue).toArray();
    } finally {
      pool.shutdownNow();
    }
  }

  private static String section(long[] tester, long[] compile, int matches, Http http) throws Exception {
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    return "- Date: " + Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC; "
        + Runtime.getRuntime().availableProcessors() + " CPUs; load average before the HTTPS part: " + load + "\n"
        + "- HTTPS: java.net.http clients in the same JVM as the server (a TestServer with a fake node), so clients"
        + " and server share the CPUs\n"
        + "- NIC: " + GROUPS + " groups x " + RULES_PER_GROUP + " rules = " + GROUPS * RULES_PER_GROUP
        + " rules (TCP/UDP ports and ranges, ICMP, shortcuts; /24, /16, single addresses, IPv6 /64, any), "
        + PACKETS.size() + " packets in turn, most matching late or not at all\n\n"
        + "| Measurement | n | p50 | p99 | req/s |\n|---|---:|---:|---:|---:|\n"
        + "| Packet tester in process (ordered rules read, verdict) | " + tester.length + " | " + us(tester, 50) + " | "
        + us(tester, 99) + " | |\n"
        + "| `POST /api/v1/security-groups/test` by vmId + nicIndex, HTTPS, " + http.threads() + " clients, "
        + http.seconds() + " s | " + http.latencies().length + " | " + ms(http.latencies(), 50) + " | "
        + ms(http.latencies(), 99) + " | " + Math.round(http.requestsPerSecond()) + " |\n"
        + "| `GET /api/v1/ping` on the same server and clients, for scale | " + http.ping().length + " | "
        + ms(http.ping(), 50) + " | " + ms(http.ping(), 99) + " | " + Math.round(http.pingPerSecond()) + " |\n"
        + "| FilterCompiler, the same 200 rules -> NicFilter (" + matches + " matches) | " + compile.length + " | "
        + us(compile, 50) + " | " + us(compile, 99) + " | |\n";
  }

  private static long percentile(long[] v, int p) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(s.length * p / 100.0) - 1)];
  }

  private static String us(long[] v, int p) {
    return String.format("%.1f µs", percentile(v, p) / 1e3);
  }

  private static String ms(long[] v, int p) {
    return String.format("%.2f ms", percentile(v, p) / 1e6);
  }
}
