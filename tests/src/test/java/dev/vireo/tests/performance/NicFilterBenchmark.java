package dev.vireo.tests.performance;

import dev.vireo.agent.libvirt.DomainXmlBuilder;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import dev.vireo.agent.protocol.NicFiltersReply;
import dev.vireo.agent.secgroup.NicFilters;
import dev.vireo.agent.secgroup.NicFlows;
import dev.vireo.agent.secgroup.OvsCli;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.PrivateOvs;
import dev.vireo.tests.support.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Time to apply ONE security group of 200 rules to 100 NICs on one node (issue: N5/N6 benchmark),
 * on a private Open vSwitch (userspace datapath) with 100 internal ports named like the VMs' taps.
 * Measures, never asserts: the agent's apply ({@link NicFilters}, one bundle per bridge, zone
 * flushes included) with the taps there and without them (placeholder path); the install alone as one
 * bundle for all NICs vs one ovs-ofctl call per NIC (same text), to keep the faster in the product;
 * and the latency of a one-rule change on one NIC. Writes its section of docs/benchmarks.md (between
 * the nic-filter-benchmark markers). Run: tests/performance/nic-filter-benchmark.sh
 */
@Tag("benchmark")
@Timeout(1800)
class NicFilterBenchmark {
  private static final int NICS = Integer.getInteger("bench.nics", 100);
  private static final int RULES = Integer.getInteger("bench.rules", 200);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final String UPLINK = "upl0";

  @Test
  void oneGroupOf200RulesOn100Nics() throws Exception {
    // a test filter like -Dtest='NicFilter*' must not start a 40 s measurement that rewrites the docs
    Assumptions.assumeTrue(Boolean.getBoolean("bench.nicFilter"), "run by tests/performance/nic-filter-benchmark.sh");
    List<FilterRule> rules = group(RULES);
    List<NicFilter> withTaps = filters(0x10, rules);
    List<NicFilter> withoutTaps = filters(0x20, rules);
    try (PrivateOvs ovs = new PrivateOvs("vnb")) {
      List<String> ports = new ArrayList<>(List.of(UPLINK));
      withTaps.forEach(f -> ports.add(DomainXmlBuilder.tapName(f.mac())));
      ovs.addInternalPorts(ports.toArray(String[]::new));
      OvsCli cli = new OvsCli(ovs.env());
      List<String> uplinks = List.of(UPLINK);

      List<Long> product = new ArrayList<>();
      List<Long> placeholder = new ArrayList<>();
      List<Long> oneBundle = new ArrayList<>();
      List<Long> perNic = new ArrayList<>();
      List<Long> oneRule = new ArrayList<>();
      int flows = 0;
      int placeholderFlows = 0;
      int dumped = 0;
      String loadBefore = load();
      // round 0 warms up (class loading, JIT, the JSON mapper: a running agent has all of these) and is dropped
      for (int round = 0; round <= ROUNDS; round++) {
        if (round == 1) {
          product.clear();
          placeholder.clear();
          oneBundle.clear();
          perNic.clear();
          oneRule.clear();
        }
        // the product: NicFilters.apply with the taps there (tap lookup, one bundle, 100 zone flushes)
        reset(ovs);
        NicFilters filters = new NicFilters(cli, () -> uplinks, null);
        long t = System.nanoTime();
        NicFiltersReply r = filters.apply(new ApplyNicFiltersCommand(withTaps, List.of()));
        product.add(System.nanoTime() - t);
        flows = r.flows();
        dumped = flowCount(ovs);
        if (r.applied().size() != NICS) {
          throw new IllegalStateException("not all applied: " + r);
        }
        // one rule changed on one NIC (an accept replaced: narrowing, so a zone flush too)
        for (int i = 0; i < 5; i++) {
          List<FilterRule> changed = new ArrayList<>(rules);
          changed.set(3, new FilterRule("INGRESS", changed.get(3).rank(), "tcp,tp_dst=" + (9000 + i + round * 10), true));
          NicFilter one = new NicFilter(withTaps.get(i).mac(), withTaps.get(i).addresses(), changed);
          t = System.nanoTime();
          filters.apply(new ApplyNicFiltersCommand(List.of(one), List.of()));
          oneRule.add(System.nanoTime() - t);
        }
        // the placeholder path: same group, MACs whose taps are not on the node
        reset(ovs);
        filters = new NicFilters(cli, () -> uplinks, null);
        t = System.nanoTime();
        placeholderFlows = filters.apply(new ApplyNicFiltersCommand(withoutTaps, List.of())).flows();
        placeholder.add(System.nanoTime() - t);
        // install strategies, same text: all NICs in one bundle vs one ovs-ofctl per NIC
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < NICS; i++) {
          NicFilter f = withTaps.get(i);
          texts.add(NicFlows.full(f, DomainXmlBuilder.tapName(f.mac()), i + 1));
        }
        reset(ovs);
        t = System.nanoTime();
        cli.bundle(ovs.bridge(), NicFlows.base(Set.of(UPLINK)) + String.join("", texts));
        oneBundle.add(System.nanoTime() - t);
        reset(ovs);
        t = System.nanoTime();
        cli.bundle(ovs.bridge(), NicFlows.base(Set.of(UPLINK)));
        for (String text : texts) {
          cli.bundle(ovs.bridge(), text);
        }
        perNic.add(System.nanoTime() - t);
      }
      write(ovs, rules, flows, dumped, placeholderFlows, product, placeholder, oneBundle, perNic, oneRule,
          loadBefore + " before, " + load() + " after");
    }
  }

  /** One group of {@code n} rules, compiled as the server would: a realistic mix, some v6. */
  static List<FilterRule> group(int n) {
    List<FilterRule> out = new ArrayList<>();
    for (int rank = 0; rank < n; rank++) {
      String dir = rank % 4 == 3 ? "EGRESS" : "INGRESS";
      String f = dir.equals("INGRESS") ? "src" : "dst";
      int a = rank % 250 + 1;
      switch (rank % 10) {
        case 0 -> out.add(rule(dir, rank, "tcp,nw_" + f + "=10." + a + ".0.0/16,tp_dst=" + (1000 + rank)));
        case 1 -> { // 8000-8019: two masks
          out.add(rule(dir, rank, "tcp,nw_" + f + "=192.168." + a + ".0/24,tp_dst=0x1f40/0xfff0"));
          out.add(rule(dir, rank, "tcp,nw_" + f + "=192.168." + a + ".0/24,tp_dst=0x1f50/0xfffc"));
        }
        case 2 -> out.add(rule(dir, rank, "udp,tp_dst=" + (5000 + rank)));
        case 3 -> out.add(rule(dir, rank, "icmp,nw_" + f + "=172.16." + a + ".0/24"));
        case 4 -> out.add(rule(dir, rank, "tcp6,ipv6_" + f + "=fd00:" + Integer.toHexString(a) + "::/64,tp_dst=443"));
        case 5 -> { // udp 3000-3009
          out.add(rule(dir, rank, "udp,nw_" + f + "=10.200." + a + ".0/24,tp_dst=0x0bb8/0xfff8"));
          out.add(rule(dir, rank, "udp,nw_" + f + "=10.200." + a + ".0/24,tp_dst=0x0bc0/0xfffe"));
        }
        case 6 -> out.add(new FilterRule(dir, rank, "ip,nw_" + f + "=203.0.113." + a, false));
        case 7 -> { // ssh from v4 and v6
          out.add(rule(dir, rank, "tcp,nw_" + f + "=198.51.100." + a + ",tp_dst=22"));
          out.add(rule(dir, rank, "tcp6,ipv6_" + f + "=2001:db8::" + Integer.toHexString(a) + ",tp_dst=22"));
        }
        case 8 -> out.add(rule(dir, rank, "icmp6,ipv6_" + f + "=fd00:" + Integer.toHexString(a) + "::/48"));
        default -> out.add(rule(dir, rank, "ip,nw_proto=47,nw_" + f + "=100.64." + a + ".0/24"));
      }
    }
    return out;
  }

  private static FilterRule rule(String dir, int rank, String match) {
    return new FilterRule(dir, rank, match, true);
  }

  private static List<NicFilter> filters(int prefix, List<FilterRule> rules) {
    List<NicFilter> out = new ArrayList<>();
    for (int i = 0; i < NICS; i++) {
      String mac = String.format("52:54:00:%02x:%02x:%02x", prefix, i / 256, i % 256);
      out.add(new NicFilter(mac, List.of("10.1." + (i / 250) + "." + (i % 250 + 2), "fd01::" + Integer.toHexString(i + 2)),
          rules));
    }
    return out;
  }

  private static String load() {
    return Commands.run(List.of("cut", "-d", " ", "-f1", "/proc/loadavg"), 10).output().strip();
  }

  private static void reset(PrivateOvs ovs) {
    ovs.sh("ovs-ofctl del-flows " + ovs.bridge());
    ovs.sh("ovs-appctl dpctl/flush-conntrack");
  }

  private static int flowCount(PrivateOvs ovs) {
    return (int) ovs.sh("ovs-ofctl --no-stats dump-flows " + ovs.bridge()).lines().filter(l -> l.contains("actions="))
        .count();
  }

  private static void write(PrivateOvs ovs, List<FilterRule> rules, int flows, int dumped, int placeholderFlows,
      List<Long> product, List<Long> placeholder, List<Long> oneBundle, List<Long> perNic, List<Long> oneRule,
      String load) throws Exception {
    Path root = RepoRoot.find();
    String commit = Commands.run(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"), 10).output()
        .strip();
    String cpu = Commands.run(List.of("bash", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"), 10).output()
        .strip();
    String cores = Commands.run(List.of("nproc"), 10).output().strip();
    String kernel = Commands.run(List.of("uname", "-r"), 10).output().strip();
    String ovsVersion = ovs.sh("ovs-vswitchd --version").lines().findFirst().orElse("").strip();
    long matches = rules.size();
    long ruleCount = rules.stream().mapToInt(FilterRule::rank).distinct().count();
    StringBuilder s = new StringBuilder();
    s.append("\nLatest run: ").append(LocalDate.now()).append(", commit `").append(commit).append("`, ")
        .append(cpu).append(" (").append(cores).append(" cores, shared), kernel ").append(kernel).append(", ")
        .append(ovsVersion).append(", userspace datapath (netdev), private ovs-vswitchd. Load average (1 min): ")
        .append(load).append(" (the machine is shared; a higher load stretches every row).\n\n");
    s.append("Reproduce: `tests/performance/nic-filter-benchmark.sh` (root; ~1 minute). One group of ")
        .append(ruleCount).append(" rules (").append(matches).append(" OpenFlow matches: TCP ports and ranges, UDP,"
            + " ICMP, ICMPv6, GRE, IPv4 and IPv6 CIDRs, a few drops) on ").append(NICS)
        .append(" NICs with an IPv4 and an IPv6 address each; ").append(ROUNDS)
        .append(" rounds after a warm-up round, each from an empty flow table; times in ms.\n\n");
    s.append("| what | flows | min | median | max | per NIC (median) |\n|---|---|---|---|---|---|\n");
    s.append(row("agent apply, taps present (full set; one bundle; zone flushes)", flows, product, NICS));
    s.append(row("agent apply, no taps yet (placeholder set)", placeholderFlows, placeholder, NICS));
    s.append(row("install only: one bundle, all NICs", flows, oneBundle, NICS));
    s.append(row("install only: one ovs-ofctl bundle per NIC", flows, perNic, NICS));
    s.append(row("one rule changed on one NIC (apply, incl. zone flush)", flows / NICS, oneRule, 1));
    s.append("\nFlows in the bridge after the agent's apply (dump-flows, with base flows): ").append(dumped)
        .append(". ");
    long bundleMed = median(oneBundle);
    long perNicMed = median(perNic);
    s.append("Install strategy: ").append(bundleMed <= perNicMed ? "one bundle per bridge" : "one call per NIC")
        .append(" is faster here (").append(ms(bundleMed)).append(" vs ").append(ms(perNicMed))
        .append(" ms); the agent sends one bundle per bridge.\n");
    Path doc = root.resolve("docs/benchmarks.md");
    String text = Files.readString(doc);
    String begin = "<!-- nic-filter-benchmark:begin";
    String end = "<!-- nic-filter-benchmark:end -->";
    int i = text.indexOf(begin);
    int j = text.indexOf(end);
    if (i < 0 || j < i) {
      throw new IllegalStateException("docs/benchmarks.md has no nic-filter-benchmark markers");
    }
    int afterBegin = text.indexOf("-->", i) + 3;
    Files.writeString(doc, text.substring(0, afterBegin) + "\n" + s + text.substring(j));
    System.out.println(s);
  }

  private static String row(String what, int flows, List<Long> nanos, int nics) {
    List<Long> v = new ArrayList<>(nanos);
    Collections.sort(v);
    return "| " + what + " | " + flows + " | " + ms(v.get(0)) + " | " + ms(median(v)) + " | " + ms(v.get(v.size() - 1))
        + " | " + String.format("%.1f", median(v) / 1e6 / nics) + " |\n";
  }

  private static long median(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get((v.size() - 1) / 2);
  }

  private static String ms(long nanos) {
    return Long.toString(Math.round(nanos / 1e6));
  }
}
