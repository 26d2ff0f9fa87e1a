package dev.vireo.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSamplerTest {
  static final long TEN_SECONDS = 10_000_000_000L;
  static final String NET_HEADER = "Inter-|   Receive                                                |  Transmit\n"
      + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
      + "carrier compressed\n";
  static final String SNMP = "Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 12345\n"
      + "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs\n"
      + "Tcp: 1 200 120000 -1 100 50 3 4 17 1000\nUdp: InDatagrams NoPorts\nUdp: 5 6\n";

  @TempDir
  Path dir;
  Path proc;
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  HostSampler sampler;

  @BeforeEach
  void setUp() throws Exception {
    proc = Files.createDirectories(dir.resolve("proc"));
    Files.createDirectories(proc.resolve("net"));
    sampler = new HostSampler(proc, dir.resolve("storage/not-yet-created"), clock::get);
  }

  /** First snapshot: cpu total 10000, busy 1500. */
  void snapshotOne() throws Exception {
    write("stat", "cpu  1000 0 500 8000 500 0 0 0 0 0\ncpu0 1000 0 500 8000 500 0 0 0 0 0\nintr 1 2 3\n"
        + "procs_running 2\nprocs_blocked 3\n");
    write("loadavg", "0.52 0.40 0.30 2/345 6789\n");
    write("meminfo", "MemTotal:       16000000 kB\nMemFree:         2000000 kB\nMemAvailable:   10000000 kB\n"
        + "Buffers:          100000 kB\n");
    write("diskstats", String.join("\n",
        "   8       0 sda 100 0 2000 0 50 0 4000 0 0 0 0 0 0 0 0 0 0",
        "   8       1 sda1 90 0 1800 0 40 0 3000 0 0 0 0 0 0 0 0 0 0",
        "   7       0 loop0 10 0 100 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        " 259       0 nvme0n1 200 0 8000 0 100 0 1000 0 0 0 0 0 0 0 0 0 0",
        " 259       1 nvme0n1p1 190 0 7000 0 90 0 900 0 0 0 0 0 0 0 0 0 0",
        " 253       0 dm-0 100 0 2000 0 50 0 4000 0 0 0 0 0 0 0 0 0 0") + "\n");
    write("net/dev", NET_HEADER
        + "    lo:    5000      50    0    0    0     0          0         0     5000      50    0    0    0     0"
        + "       0          0\n"
        + "  eth0:  100000    1000    0    0    0     0          0         0    50000     500    0    0    0     0"
        + "       0          0\n"
        + "   br0:2000 20 0 0 0 0 0 0 1000 10 0 0 0 0 0 0\n");
    write("net/snmp", SNMP);
  }

  /** Ten seconds later: cpu total 12000 (guest time is not added again), busy 2500. */
  void snapshotTwo() throws Exception {
    write("stat", "cpu  1600 0 900 8900 600 0 0 0 50 0\nprocs_running 1\nprocs_blocked 0\n");
    write("loadavg", "1.25 0.50 0.30 1/346 6790\n");
    write("diskstats", String.join("\n",
        "   8       0 sda 150 0 3000 0 70 0 6000 0 0 0 0 0 0 0 0 0 0",
        "   8       1 sda1 990 0 91800 0 940 0 93000 0 0 0 0 0 0 0 0 0 0",
        "   7       0 loop0 9910 0 9100 0 0 0 9000 0 0 0 0 0 0 0 0 0 0",
        " 259       0 nvme0n1 300 0 10000 0 120 0 1400 0 0 0 0 0 0 0 0 0 0",
        " 259       1 nvme0n1p1 9190 0 97000 0 990 0 9900 0 0 0 0 0 0 0 0 0 0",
        " 253       0 dm-0 9100 0 92000 0 950 0 94000 0 0 0 0 0 0 0 0 0 0") + "\n");
    write("net/dev", NET_HEADER
        + "    lo: 9995000 99950 0 0 0 0 0 0 9995000 99950 0 0 0 0 0 0\n"
        + "  eth0: 200000 1500 0 0 0 0 0 0 70000 700 0 0 0 0 0 0\n"
        + "   br0: 4000 40 0 0 0 0 0 0 3000 30 0 0 0 0 0 0\n");
    clock.addAndGet(TEN_SECONDS);
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(proc.resolve(name), content);
  }

  private static Map<String, Double> byMetric(List<MetricSample> samples) {
    samples.forEach(s -> {
      assertEquals("node", s.resourceType());
      assertEquals("node-1", s.resourceId());
    });
    return samples.stream().collect(Collectors.toMap(MetricSample::metric, MetricSample::value));
  }

  @Test
  void theFirstSampleHasTheGaugesAndOmitsTheRates() throws Exception {
    snapshotOne();

    Map<String, Double> v = byMetric(sampler.sample("node-1"));

    assertEquals(0.52, v.get(MetricNames.LOAD1));
    assertEquals(16_000_000 * 1024.0, v.get(MetricNames.MEMORY_TOTAL_BYTES));
    assertEquals(6_000_000 * 1024.0, v.get(MetricNames.MEMORY_USED_BYTES), "MemTotal - MemAvailable");
    assertEquals(17.0, v.get(MetricNames.TCP_CONNECTIONS));
    assertEquals(3.0, v.get(MetricNames.BLOCKED_PROCESSES));
    assertTrue(v.get(MetricNames.DISK_TOTAL_BYTES) > 0, "the nearest existing parent's file system");
    assertTrue(v.get(MetricNames.DISK_USED_BYTES) <= v.get(MetricNames.DISK_TOTAL_BYTES));
    for (String rate : List.of(MetricNames.CPU_USAGE_PERCENT, MetricNames.DISK_READ_BYTES_PER_SECOND,
        MetricNames.DISK_WRITE_OPS_PER_SECOND, MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND,
        MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND)) {
      assertFalse(v.containsKey(rate), rate + " needs a previous sample");
    }
    assertEquals(MetricNames.NODE.size() - 9, v.size());
  }

  @Test
  void theSecondSampleHasExactRatesOverWholeDisksAndInterfacesButLo() throws Exception {
    snapshotOne();
    sampler.sample("node-1");
    snapshotTwo();

    List<MetricSample> samples = sampler.sample("node-1");
    Map<String, Double> v = byMetric(samples);

    assertEquals(MetricNames.NODE, samples.stream().map(MetricSample::metric).toList(), "all, in order");
    assertEquals(50.0, v.get(MetricNames.CPU_USAGE_PERCENT), "busy +1000 of total +2000 jiffies");
    assertEquals(1.25, v.get(MetricNames.LOAD1));
    assertEquals(0.0, v.get(MetricNames.BLOCKED_PROCESSES));
    // sda and nvme0n1 only: (1000 + 2000) sectors read, (2000 + 400) written, 512 bytes each, in 10 s
    assertEquals(3000 * 512 / 10.0, v.get(MetricNames.DISK_READ_BYTES_PER_SECOND));
    assertEquals(2400 * 512 / 10.0, v.get(MetricNames.DISK_WRITE_BYTES_PER_SECOND));
    assertEquals(15.0, v.get(MetricNames.DISK_READ_OPS_PER_SECOND));
    assertEquals(4.0, v.get(MetricNames.DISK_WRITE_OPS_PER_SECOND));
    // eth0 and br0
    assertEquals(10_200.0, v.get(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND));
    assertEquals(2_200.0, v.get(MetricNames.NETWORK_TRANSMIT_BYTES_PER_SECOND));
    assertEquals(52.0, v.get(MetricNames.NETWORK_RECEIVE_PACKETS_PER_SECOND));
    assertEquals(22.0, v.get(MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND));
  }

  @Test
  void aCounterThatWentDownCountsZeroForThatIntervalAndANewDeviceStartsItsBaseline() throws Exception {
    snapshotOne();
    sampler.sample("node-1");
    snapshotTwo();
    sampler.sample("node-1");
    // eth0 re-created (counters from 0), tap0 new, sda reset, the cpu line lower (counters reset)
    write("stat", "cpu  10 0 10 100 10 0 0 0 0 0\nprocs_blocked 1\n");
    write("diskstats", "   8       0 sda 1 0 8 0 1 0 8 0 0 0 0 0 0 0 0 0 0\n"
        + " 259       0 nvme0n1 310 0 10100 0 130 0 1500 0 0 0 0 0 0 0 0 0 0\n");
    write("net/dev", NET_HEADER + "  eth0: 10 1 0 0 0 0 0 0 10 1 0 0 0 0 0 0\n"
        + "   br0: 5000 50 0 0 0 0 0 0 4000 40 0 0 0 0 0 0\n"
        + "  tap0: 99999 999 0 0 0 0 0 0 99999 999 0 0 0 0 0 0\n");
    clock.addAndGet(TEN_SECONDS);

    Map<String, Double> v = byMetric(sampler.sample("node-1"));

    assertEquals(0.0, v.get(MetricNames.CPU_USAGE_PERCENT));
    assertEquals(100 * 512 / 10.0, v.get(MetricNames.DISK_READ_BYTES_PER_SECOND), "nvme0n1's only");
    assertEquals(1.0, v.get(MetricNames.DISK_READ_OPS_PER_SECOND));
    assertEquals(100.0, v.get(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND), "br0's only");
    assertEquals(1.0, v.get(MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND));
  }

  @Test
  void anUnreadableSourceLeavesOnlyItsMetricsOut() throws Exception {
    snapshotOne();
    Files.delete(proc.resolve("net/snmp"));
    Files.delete(proc.resolve("diskstats"));
    sampler.sample("node-1");
    snapshotTwo();

    Map<String, Double> v = byMetric(sampler.sample("node-1"));

    assertFalse(v.containsKey(MetricNames.TCP_CONNECTIONS));
    assertFalse(v.containsKey(MetricNames.DISK_READ_BYTES_PER_SECOND), "no baseline for the disks yet");
    assertEquals(50.0, v.get(MetricNames.CPU_USAGE_PERCENT));
    assertEquals(10_200.0, v.get(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND));
  }

  @Test
  void memAvailableMissingFallsBackToFreeBuffersAndCached() throws Exception {
    snapshotOne();
    write("meminfo", "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");

    Map<String, Double> v = byMetric(sampler.sample("node-1"));

    assertEquals(600 * 1024.0, v.get(MetricNames.MEMORY_USED_BYTES));
  }

  @Test
  void wholeDisksAreTold() {
    for (String disk : List.of("sda", "vdb", "xvda", "nvme0n1", "mmcblk0", "sr0", "nbd0")) {
      assertTrue(HostSampler.wholeDisk(disk), disk);
    }
    for (String other : List.of("sda1", "vdb12", "nvme0n1p1", "mmcblk0p2", "loop3", "ram0", "zram0", "dm-1",
        "md127")) {
      assertFalse(HostSampler.wholeDisk(other), other);
    }
  }
}
