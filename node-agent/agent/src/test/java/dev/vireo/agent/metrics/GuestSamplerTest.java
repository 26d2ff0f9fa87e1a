package dev.vireo.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.command.Hypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuestSamplerTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int INTERVAL = 60;
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final String VM = "vm-3f2a9c1d0b4e";

  /** /proc/net/snmp then /proc/stat of a Linux guest, as one cat prints them. */
  static final String PROC = """
      Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos
      Ip: 2 64 10422 0 0 0 0
      Icmp: InMsgs InErrors InCsumErrors InDestUnreachs
      Icmp: 3 0 0 3
      Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs
      Tcp: 1 200 120000 -1 41 12 0 3 7 9921
      Udp: InDatagrams NoPorts InErrors OutDatagrams
      Udp: 210 0 0 212
      cpu  8512 12 3021 981234 412 0 77 0 0 0
      cpu0 8512 12 3021 981234 412 0 77 0 0 0
      intr 1203312 22 9 0 0
      ctxt 2391281
      btime 1765108800
      processes 1822
      procs_running 1
      procs_blocked 2
      softirq 382910 0 12031 2 1929 0 0 3 11802 0 357143
      """;

  static final String DF = """
      Filesystem           1024-blocks    Used Available Capacity Mounted on
      /dev/vda1                 10321208 3145728   6651192  33% /
      devtmpfs                    498316       0    498316   0% /dev
      tmpfs                       503240     112    503128   0% /run
      /dev/vda1                 10321208 3145728   6651192  33% /var/lib/docker
      /dev/vdb                  20511312 1048576  18397880   5% /data
      /dev/loop0                   56832   56832         0 100% /snap/core/1
      """;

  /** Guest agents in memory: per domain what fsinfo and the two scripts answer, and every call made. */
  static final class Guests {
    final Map<String, Guest> byDomain = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    Guest add(String domain) {
      Guest g = new Guest();
      byDomain.put(domain, g);
      return g;
    }

    long count(String domain, String execute) {
      return calls.stream().filter(c -> c.equals(domain + " " + execute)).count();
    }

    String answer(String domain, String json, int timeout) throws Exception {
      assertEquals(GuestSampler.AGENT_TIMEOUT_SECONDS, timeout, "short agent timeouts");
      JsonNode cmd = Json.MAPPER.readTree(json);
      String execute = cmd.path("execute").asText();
      Guest g = byDomain.get(domain);
      if (execute.equals("guest-exec")) {
        List<String> argv = new ArrayList<>();
        cmd.path("arguments").path("arg").forEach(a -> argv.add(a.asText()));
        execute += " " + cmd.path("arguments").path("path").asText() + " " + String.join(" ", argv);
      }
      calls.add(domain + " " + execute);
      if (g == null || !g.answers) {
        throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "the guest agent of " + domain
            + " does not answer: Guest agent is not responding: QEMU guest agent is not connected");
      }
      if (g.gate != null) {
        g.gate.await();
      }
      switch (cmd.path("execute").asText()) {
        case "guest-ping":
          return "{\"return\":{}}";
        case "guest-get-fsinfo":
          return g.fsinfo == null ? "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"no fsinfo\"}}"
              : "{\"return\":" + g.fsinfo + "}";
        case "guest-exec": {
          String script = cmd.path("arguments").path("arg").get(1).asText();
          if (g.refusesExec) {
            throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "the guest agent of " + domain
                + " does not answer: unable to execute QEMU agent command 'guest-exec': Failed to execute child"
                + " process \u201c/bin/sh\u201d (No such file or directory)");
          }
          int pid = g.pids.size() + 100;
          g.pids.put(pid, g.scripts.getOrDefault(script, ""));
          return "{\"return\":{\"pid\":" + pid + "}}";
        }
        case "guest-exec-status": {
          int pid = cmd.path("arguments").path("pid").asInt();
          if (g.pendingPolls > 0) {
            g.pendingPolls--;
            return "{\"return\":{\"exited\":false}}";
          }
          String out = Base64.getEncoder().encodeToString(g.pids.get(pid).getBytes(StandardCharsets.UTF_8));
          return "{\"return\":{\"exited\":true,\"exitcode\":0,\"out-data\":\"" + out + "\"}}";
        }
        default:
          throw new AssertionError("unexpected " + json);
      }
    }
  }

  static final class Guest {
    volatile boolean answers = true;
    volatile boolean refusesExec;
    volatile String fsinfo = "[]";
    volatile CountDownLatch gate;
    volatile int pendingPolls;
    final Map<String, String> scripts = new ConcurrentHashMap<>(Map.of(GuestSampler.PROC_SCRIPT, PROC));
    final Map<Integer, String> pids = new ConcurrentHashMap<>();
  }

  private final FakeHypervisor fake = new FakeHypervisor();
  private final Guests guests = new Guests();
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
  /** The {@link FakeHypervisor} with a guest agent channel: {@link Guests} answer. */
  private final Hypervisor hypervisor = (Hypervisor) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
        if (method.getName().equals("guestAgentCommand")) {
          return guests.answer((String) args[0], (String) args[1], (Integer) args[2]);
        }
        try {
          return method.invoke(fake, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });
  private final GuestSampler sampler = new GuestSampler(hypervisor, INTERVAL, clock::get);

  private static String fs(String name, String mountpoint, String type, Long used, Long total) {
    return "{\"name\":\"" + name + "\",\"mountpoint\":\"" + mountpoint + "\",\"type\":\"" + type + "\","
        + "\"disk\":[{\"bus-type\":\"virtio\",\"dev\":\"/dev/" + name + "\"}]"
        + (used == null ? "" : ",\"used-bytes\":" + used) + (total == null ? "" : ",\"total-bytes\":" + total) + "}";
  }

  private Map<String, Map<String, Double>> sample() throws Exception {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (MetricSample s : sampler.sample("node-1")) {
      assertEquals("vm", s.resourceType());
      out.computeIfAbsent(s.resourceId(), k -> new LinkedHashMap<>()).put(s.metric(), s.value());
    }
    return out;
  }

  private void running(String domain) {
    fake.domains.put(domain, DomainPowerState.RUNNING);
  }

  @Test
  void diskSpaceFromFsinfoCountsEachDeviceOnceAndSkipsPseudoFileSystems() throws Exception {
    running(VM);
    guests.add(VM).fsinfo = "[" + String.join(",",
        fs("vda1", "/", "ext4", 1L << 30, 10L << 30),
        fs("vda1", "/var/lib/docker", "ext4", 1L << 30, 10L << 30), // a bind mount: the same device
        fs("vdb", "/data", "xfs", 2L << 30, 20L << 30),
        fs("sr0", "/media/cdrom", "iso9660", 300L << 20, 300L << 20),
        fs("loop0", "/snap/core/1", "squashfs", 55L << 20, 55L << 20)) + "]";

    sampler.refresh();
    Map<String, Map<String, Double>> all = sample();

    Map<String, Double> v = all.get(VM);
    assertEquals(List.of(MetricNames.DISK_USED_BYTES, MetricNames.DISK_TOTAL_BYTES, MetricNames.TCP_CONNECTIONS,
        MetricNames.BLOCKED_PROCESSES), List.copyOf(v.keySet()), "the four, in the order of MetricNames.VM");
    assertEquals(3 * GIB, v.get(MetricNames.DISK_USED_BYTES));
    assertEquals(30 * GIB, v.get(MetricNames.DISK_TOTAL_BYTES));
    assertEquals(7.0, v.get(MetricNames.TCP_CONNECTIONS));
    assertEquals(2.0, v.get(MetricNames.BLOCKED_PROCESSES));
    assertEquals(0, guests.count(VM, "guest-exec /bin/sh -c " + GuestSampler.DF_SCRIPT), "no df when fsinfo has sizes");
    assertEquals(1, guests.count(VM, "guest-exec /bin/sh -c " + GuestSampler.PROC_SCRIPT), "one exec for /proc");
  }

  @Test
  void withoutSizesInFsinfoDiskSpaceComesFromDf() throws Exception {
    running(VM);
    Guest g = guests.add(VM);
    g.fsinfo = "[" + fs("vda1", "/", "ext4", null, null) + "]"; // an agent older than QEMU 3.0
    g.scripts.put(GuestSampler.DF_SCRIPT, DF);
    g.pendingPolls = 2; // the process is still running on the first polls

    sampler.refresh();

    Map<String, Double> v = sample().get(VM);
    assertEquals((3145728.0 + 1048576) * 1024, v.get(MetricNames.DISK_USED_BYTES), "vda1 once, vdb; no tmpfs, no loop");
    assertEquals((10321208.0 + 20511312) * 1024, v.get(MetricNames.DISK_TOTAL_BYTES));
    assertEquals(7.0, v.get(MetricNames.TCP_CONNECTIONS));
    assertEquals(1, guests.count(VM, "guest-exec /bin/sh -c df -P -k"));
  }

  @Test
  void aGuestWithNoRealFileSystemReportsOnlyTcpAndBlocked() throws Exception {
    running(VM);
    Guest g = guests.add(VM); // an initramfs guest: fsinfo is empty, df shows only rootfs and tmpfs
    g.scripts.put(GuestSampler.DF_SCRIPT, """
        Filesystem           1024-blocks    Used Available Capacity Mounted on
        rootfs                      453116   13304    439812   3% /
        devtmpfs                    453116       0    453116   0% /dev
        """);

    sampler.refresh();

    assertEquals(Map.of(MetricNames.TCP_CONNECTIONS, 7.0, MetricNames.BLOCKED_PROCESSES, 2.0), sample().get(VM));
  }

  @Test
  void parsesProcNetSnmpAndProcStat() {
    Map<String, Double> v = new HashMap<>();
    GuestSampler.proc(PROC, v);
    assertEquals(Map.of(MetricNames.TCP_CONNECTIONS, 7.0, MetricNames.BLOCKED_PROCESSES, 2.0), v);

    Map<String, Double> noSnmp = new HashMap<>(); // no IPv4 in the guest: cat fails on one file, prints the other
    GuestSampler.proc("cpu  1 2 3 4\nprocs_running 3\nprocs_blocked 0\n", noSnmp);
    assertEquals(Map.of(MetricNames.BLOCKED_PROCESSES, 0.0), noSnmp);

    assertThrows(CommandFailedException.class, () -> GuestSampler.proc("sh: cat: not found\n", new HashMap<>()));
    assertThrows(CommandFailedException.class, () -> GuestSampler.df("", new HashMap<>()));
    Map<String, Double> none = new HashMap<>();
    assertFalse(GuestSampler.fsinfo(Json.MAPPER.createArrayNode(), none));
    assertTrue(none.isEmpty());
  }

  @Test
  void anUnansweringGuestIsSkippedAndRetriedLessAndLessOftenUpToEveryTenMinutes() throws Exception {
    running(VM);
    Guest g = guests.add(VM);
    g.answers = false;
    List<Long> triedAt = new ArrayList<>();
    long start = clock.get();
    for (int round = 0; round <= 60; round++) { // an hour of rounds
      long before = guests.count(VM, "guest-ping");
      sampler.refresh();
      if (guests.count(VM, "guest-ping") > before) {
        triedAt.add((clock.get() - start) / SECOND);
      }
      assertEquals(Map.of(), sample());
      clock.addAndGet(INTERVAL * SECOND);
    }
    assertEquals(List.of(0L, 60L, 180L, 420L, 900L, 1500L, 2100L, 2700L, 3300L), triedAt,
        "after 1, 2, 4, 8 intervals, then every 10 minutes");
    assertEquals(triedAt.size(), guests.calls.size(), "nothing but a ping for a silent guest");

    g.answers = true; // its agent came up
    while (sample().isEmpty()) {
      assertTrue(clock.get() - start < 4500 * SECOND, "picked up at the next try");
      sampler.refresh();
      clock.addAndGet(INTERVAL * SECOND);
    }
    assertEquals(3900 * SECOND, clock.get() - start - INTERVAL * SECOND, "at the next ten-minute try");
    assertEquals(7.0, sample().get(VM).get(MetricNames.TCP_CONNECTIONS));
    long pings = guests.count(VM, "guest-ping");
    clock.addAndGet(INTERVAL * SECOND);
    sampler.refresh();
    assertEquals(pings + 1, guests.count(VM, "guest-ping"), "answering again: asked every interval");
  }

  @Test
  void aGuestRefusingExecKeepsItsFsinfoFiguresAndExecIsTriedAgainAfterTenMinutes() throws Exception {
    running(VM);
    Guest g = guests.add(VM); // e.g. Windows: no /bin/sh
    g.refusesExec = true;
    g.fsinfo = "[" + fs("\\\\\\\\?\\\\Volume{a1}\\\\", "C:\\\\", "NTFS", 20L << 30, 60L << 30) + "]";

    for (int i = 0; i < 10; i++) {
      sampler.refresh();
      assertEquals(Map.of(MetricNames.DISK_USED_BYTES, 20 * GIB, MetricNames.DISK_TOTAL_BYTES, 60 * GIB),
          sample().get(VM), "round " + i);
      clock.addAndGet(INTERVAL * SECOND);
    }
    assertEquals(1, guests.calls.stream().filter(c -> c.contains("guest-exec")).count(), "refused once, not again");
    assertEquals(10, guests.count(VM, "guest-get-fsinfo"));

    sampler.refresh(); // 10 minutes after the refusal
    assertEquals(2, guests.calls.stream().filter(c -> c.contains("guest-exec")).count());
  }

  @Test
  void staleFiguresAreDropped() throws Exception {
    running(VM);
    guests.add(VM);
    sampler.refresh();
    assertEquals(7.0, sample().get(VM).get(MetricNames.TCP_CONNECTIONS));

    clock.addAndGet(2 * INTERVAL * SECOND); // no round since (e.g. a hung agent call)
    assertEquals(7.0, sample().get(VM).get(MetricNames.TCP_CONNECTIONS), "two intervals old: still fresh");
    clock.addAndGet(1);
    assertEquals(Map.of(), sample(), "older: dropped");
    clock.addAndGet(-1);
    assertEquals(Map.of(), sample(), "and forgotten");
  }

  @Test
  void aStoppedDomainIsDroppedAndOnlyRunningVireoDomainsAreAsked() throws Exception {
    running(VM);
    running("vm-second");
    fake.domains.put("vm-paused", DomainPowerState.PAUSED);
    running("not-vireo");
    guests.add(VM);
    guests.add("vm-second");
    guests.add("vm-paused");
    guests.add("not-vireo");
    sampler.refresh();
    assertEquals(List.of("vm-3f2a9c1d0b4e", "vm-second"), List.copyOf(sample().keySet()));
    assertEquals(0, guests.calls.stream().filter(c -> c.startsWith("vm-paused") || c.startsWith("not-vireo")).count());

    fake.domains.put("vm-second", DomainPowerState.SHUTOFF);
    assertEquals(List.of(VM), List.copyOf(sample().keySet()), "stopped: dropped at once");
    fake.domains.remove(VM);
    assertEquals(Map.of(), sample());
    running(VM);
    assertEquals(Map.of(), sample(), "started again: nothing until it was asked again");
  }

  @Test
  void aHungGuestAgentNeverDelaysSample() throws Exception {
    running(VM);
    running("vm-hung");
    guests.add(VM);
    guests.add("vm-hung").gate = new CountDownLatch(1);
    try (GuestSampler threaded = new GuestSampler(hypervisor, 10).start()) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 50 && threaded.sample("node-1").stream().noneMatch(s -> s.resourceId().equals(VM)); i++) {
        Thread.sleep(100);
      }
      assertTrue(threaded.sample("node-1").stream().anyMatch(s -> s.resourceId().equals(VM)),
          "the other guest's figures, from the sampler's own thread; calls: " + guests.calls);
      long t1 = System.nanoTime();
      threaded.sample("node-1");
      assertTrue(System.nanoTime() - t1 < TimeUnit.MILLISECONDS.toNanos(500), "sample() does not wait for agents");
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(6));
    } finally {
      guests.byDomain.get("vm-hung").gate.countDown();
    }
  }
}
