package dev.vireo.agent.metrics;

import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the node itself (every metric of {@link MetricNames#NODE}, resource type "node") from
 * Linux's /proc and the file system of the storage root:
 *
 * <ul>
 *   <li>{@code cpu_usage_percent}: the {@code cpu} line of /proc/stat, busy = total − idle − iowait
 *       (total = user..steal; guest time is already in user and nice), as a share of the total's
 *       increase since the previous sample;
 *   <li>{@code load1}: /proc/loadavg; {@code blocked_processes}: {@code procs_blocked} of /proc/stat;
 *   <li>{@code memory_total_bytes} / {@code memory_used_bytes}: /proc/meminfo MemTotal and
 *       MemTotal − MemAvailable (MemFree + Buffers + Cached without MemAvailable);
 *   <li>{@code disk_total_bytes} / {@code disk_used_bytes}: the {@link FileStore} of the storage root
 *       (or its nearest existing parent): total and total − unallocated, as {@code df} counts;
 *   <li>disk read/write bytes and ops per second: /proc/diskstats, sectors × 512 and completed
 *       requests, summed over whole disks: partitions ({@code sda1}, {@code nvme0n1p1}), {@code loop},
 *       {@code ram}, {@code zram}, and the layered {@code dm-} and {@code md} devices (their I/O is
 *       already counted on the disks beneath) are skipped;
 *   <li>network receive/transmit bytes and packets per second: /proc/net/dev, summed over every
 *       interface but {@code lo} (taps and bridges included, as the kernel counts them);
 *   <li>{@code tcp_connections}: {@code CurrEstab} of the Tcp lines of /proc/net/snmp (IPv4 and
 *       IPv6 sockets alike).
 * </ul>
 *
 * <p>Rates (and the CPU percentage) come from the difference to the previous sample divided by the
 * time between them; on the first sample, and for a source that could not be read the time before,
 * they are <em>omitted</em>, not reported as 0. A counter that went down (wrapped, or a device that
 * was re-created) counts 0 for that interval, per device. A source that cannot be read leaves its
 * metrics out (logged once at WARN, then at DEBUG).
 */
public final class HostSampler {
  private static final Logger LOG = LoggerFactory.getLogger(HostSampler.class);
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern PARTITION = Pattern.compile("(sd|hd|vd|xvd)[a-z]+\\d+|.*\\dp\\d+");
  private static final Pattern LAYERED_OR_VIRTUAL = Pattern.compile("loop\\d+|z?ram\\d+|dm-\\d+|md\\d+");
  private static final int SECTOR_BYTES = 512;

  private final Path proc;
  private final Path storageRoot;
  private final LongSupplier nanoClock;
  private final Set<String> warned = new HashSet<>();
  private Counters previous;

  /** {@code procRoot}: /proc (a fixture directory in tests); {@code storageRoot}: [storage] root. */
  public HostSampler(Path procRoot, Path storageRoot) {
    this(procRoot, storageRoot, System::nanoTime);
  }

  HostSampler(Path procRoot, Path storageRoot, LongSupplier nanoClock) {
    this.proc = procRoot;
    this.storageRoot = storageRoot;
    this.nanoClock = nanoClock;
  }

  /** The cumulative counters of one sample; a map or array is null when its source was unreadable. */
  private record Counters(long nanos, long[] cpu, Map<String, long[]> disks, Map<String, long[]> nics) {}

  /** One sample of the node, {@code nodeId} its resource id, in the order of {@link MetricNames#NODE}. */
  public synchronized List<MetricSample> sample(String nodeId) {
    Map<String, Double> v = new HashMap<>();
    long now = nanoClock.getAsLong();
    Counters prev = previous;
    double seconds = prev == null ? 0 : (now - prev.nanos) / 1e9;

    long[] cpu = read("/proc/stat", () -> readStat(v));
    read("/proc/loadavg", () -> {
      v.put(MetricNames.LOAD1, Double.parseDouble(SPACES.split(Files.readString(proc.resolve("loadavg")).strip())[0]));
      return new long[0];
    });
    read("/proc/meminfo", () -> readMeminfo(v));
    read("/proc/net/snmp", () -> readTcp(v));
    read("storage root file system", () -> readFileStore(v));
    Map<String, long[]> disks = read("/proc/diskstats", this::readDiskstats);
    Map<String, long[]> nics = read("/proc/net/dev", this::readNetDev);

    if (prev != null && seconds > 0) {
      if (cpu != null && prev.cpu != null) {
        long total = cpu[0] - prev.cpu[0];
        long busy = cpu[1] - prev.cpu[1];
        v.put(MetricNames.CPU_USAGE_PERCENT, total <= 0 || busy < 0 ? 0 : Math.min(100, 100.0 * busy / total));
      }
      if (disks != null && prev.disks != null) {
        long[] d = Deltas.sum(prev.disks, disks, 4);
        v.put(MetricNames.DISK_READ_BYTES_PER_SECOND, d[0] / seconds);
        v.put(MetricNames.DISK_WRITE_BYTES_PER_SECOND, d[1] / seconds);
        v.put(MetricNames.DISK_READ_OPS_PER_SECOND, d[2] / seconds);
        v.put(MetricNames.DISK_WRITE_OPS_PER_SECOND, d[3] / seconds);
      }
      if (nics != null && prev.nics != null) {
        long[] n = Deltas.sum(prev.nics, nics, 4);
        v.put(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND, n[0] / seconds);
        v.put(MetricNames.NETWORK_TRANSMIT_BYTES_PER_SECOND, n[1] / seconds);
        v.put(MetricNames.NETWORK_RECEIVE_PACKETS_PER_SECOND, n[2] / seconds);
        v.put(MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND, n[3] / seconds);
      }
    }
    previous = new Counters(now, cpu, disks, nics);
    return Deltas.samples("node", nodeId, MetricNames.NODE, v);
  }

  /** {total, busy} jiffies of the {@code cpu} line; puts {@code blocked_processes}. */
  private long[] readStat(Map<String, Double> v) throws IOException {
    long[] cpu = null;
    for (String line : Files.readAllLines(proc.resolve("stat"))) {
      String[] f = SPACES.split(line.strip());
      if (f[0].equals("cpu")) {
        long total = 0;
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) { // user nice system idle iowait irq softirq steal
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        cpu = new long[] {total, total - idle};
      } else if (f[0].equals("procs_blocked")) {
        v.put(MetricNames.BLOCKED_PROCESSES, Double.parseDouble(f[1]));
      }
    }
    if (cpu == null) {
      throw new IOException("no cpu line");
    }
    return cpu;
  }

  private long[] readMeminfo(Map<String, Double> v) throws IOException {
    Map<String, Long> kb = new HashMap<>();
    for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String[] f = SPACES.split(line.substring(colon + 1).strip());
        kb.put(line.substring(0, colon), Long.parseLong(f[0]));
      }
    }
    Long total = kb.get("MemTotal");
    if (total == null) {
      throw new IOException("no MemTotal");
    }
    long available = kb.containsKey("MemAvailable") ? kb.get("MemAvailable")
        : kb.getOrDefault("MemFree", 0L) + kb.getOrDefault("Buffers", 0L) + kb.getOrDefault("Cached", 0L);
    v.put(MetricNames.MEMORY_TOTAL_BYTES, total * 1024.0);
    v.put(MetricNames.MEMORY_USED_BYTES, Math.max(0, total - available) * 1024.0);
    return new long[0];
  }

  private long[] readTcp(Map<String, Double> v) throws IOException {
    String[] header = null;
    for (String line : Files.readAllLines(proc.resolve("net/snmp"))) {
      if (!line.startsWith("Tcp:")) {
        continue;
      }
      String[] f = SPACES.split(line.strip());
      if (header == null) {
        header = f;
        continue;
      }
      for (int i = 1; i < Math.min(header.length, f.length); i++) {
        if (header[i].equals("CurrEstab")) {
          v.put(MetricNames.TCP_CONNECTIONS, Double.parseDouble(f[i]));
          return new long[0];
        }
      }
    }
    throw new IOException("no Tcp CurrEstab");
  }

  private long[] readFileStore(Map<String, Double> v) throws IOException {
    Path p = storageRoot.toAbsolutePath();
    while (!Files.exists(p) && p.getParent() != null) {
      p = p.getParent();
    }
    FileStore store = Files.getFileStore(p);
    long total = store.getTotalSpace();
    v.put(MetricNames.DISK_TOTAL_BYTES, (double) total);
    v.put(MetricNames.DISK_USED_BYTES, (double) Math.max(0, total - store.getUnallocatedSpace()));
    return new long[0];
  }

  /** Per whole disk: {read bytes, written bytes, reads, writes}. */
  private Map<String, long[]> readDiskstats() throws IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(proc.resolve("diskstats"))) {
      String[] f = SPACES.split(line.strip());
      if (f.length < 10 || !wholeDisk(f[2])) {
        continue;
      }
      out.put(f[2], new long[] {Long.parseLong(f[5]) * SECTOR_BYTES, Long.parseLong(f[9]) * SECTOR_BYTES,
          Long.parseLong(f[3]), Long.parseLong(f[7])});
    }
    return out;
  }

  static boolean wholeDisk(String name) {
    return !PARTITION.matcher(name).matches() && !LAYERED_OR_VIRTUAL.matcher(name).matches();
  }

  /** Per interface but lo: {received bytes, transmitted bytes, received packets, transmitted packets}. */
  private Map<String, long[]> readNetDev() throws IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(proc.resolve("net/dev"))) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue; // the two header lines
      }
      String name = line.substring(0, colon).strip();
      String[] f = SPACES.split(line.substring(colon + 1).strip());
      if (name.equals("lo") || f.length < 10) {
        continue;
      }
      out.put(name, new long[] {Long.parseLong(f[0]), Long.parseLong(f[8]), Long.parseLong(f[1]),
          Long.parseLong(f[9])});
    }
    return out;
  }

  private interface Source<T> {
    T read() throws IOException;
  }

  /** The source's value, or null (logged) when it cannot be read or parsed. */
  private <T> T read(String what, Source<T> source) {
    try {
      T value = source.read();
      warned.remove(what);
      return value;
    } catch (IOException | RuntimeException e) {
      if (warned.add(what)) {
        LOG.warn("cannot read {} for the node's metrics: {}", what, e.toString());
      } else {
        LOG.debug("cannot read {}: {}", what, e.toString());
      }
      return null;
    }
  }
}
