package dev.vireo.agent.metrics;

import dev.vireo.agent.command.Hypervisor;
import dev.vireo.agent.command.Hypervisor.DomainCounters;
import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Samples every active Vireo domain (the metrics of {@link MetricNames#VM} libvirt counts — the guest
 * agent's come from {@link GuestSampler}; resource type "vm", resource id the domain name, which is
 * the VM id) from {@link Hypervisor#domainCounters}:
 *
 * <ul>
 *   <li>{@code cpu_usage_percent}: the domain's CPU time increase / wall time / vCPUs × 100, i.e. the
 *       share of its own vCPUs it used (100 = every vCPU busy; capped at 100);
 *   <li>{@code memory_total_bytes}: its current memory (balloon size);
 *   <li>{@code memory_used_bytes}: the guest's view when its balloon driver reports unused memory
 *       (current − unused), else the QEMU process's resident set (capped at the current memory),
 *       else the current memory;
 *   <li>disk read/write bytes and ops per second summed over its disks, network receive/transmit
 *       bytes and packets per second summed over its NICs (libvirt's block and interface statistics).
 * </ul>
 *
 * <p>Rates come from the counters' difference to the previous sample of the same domain; they are
 * omitted on a domain's first sample and when its CPU time went down (it restarted: the baseline
 * starts over). A single counter that went down (a disk or NIC unplugged) counts 0 for the interval.
 * Memory is reported on every sample.
 */
public final class VmSampler {
  /** The domains Vireo defines. */
  public static final String DOMAIN_PREFIX = "vm-";

  private final Hypervisor hypervisor;
  private final LongSupplier nanoClock;
  private final Map<String, Baseline> previous = new HashMap<>();

  private record Baseline(long nanos, DomainCounters counters) {}

  public VmSampler(Hypervisor hypervisor) {
    this(hypervisor, System::nanoTime);
  }

  VmSampler(Hypervisor hypervisor, LongSupplier nanoClock) {
    this.hypervisor = hypervisor;
    this.nanoClock = nanoClock;
  }

  /** One sample of every active Vireo domain; an unreachable hypervisor throws (nothing is forgotten). */
  public synchronized List<MetricSample> sample() {
    List<DomainCounters> all = hypervisor.domainCounters(DOMAIN_PREFIX);
    long now = nanoClock.getAsLong();
    List<MetricSample> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DomainCounters c : all) {
      seen.add(c.domain());
      Baseline prev = previous.put(c.domain(), new Baseline(now, c));
      out.addAll(Deltas.samples("vm", c.domain(), MetricNames.VM, values(prev, now, c)));
    }
    previous.keySet().retainAll(seen); // gone (stopped, migrated away): a later start is a new baseline
    return out;
  }

  private static Map<String, Double> values(Baseline prev, long now, DomainCounters c) {
    Map<String, Double> v = new HashMap<>();
    v.put(MetricNames.MEMORY_TOTAL_BYTES, (double) c.memoryBytes());
    v.put(MetricNames.MEMORY_USED_BYTES, (double) memoryUsed(c));
    long wallNanos = prev == null ? 0 : now - prev.nanos();
    if (prev == null || wallNanos <= 0 || c.cpuTimeNanos() < prev.counters().cpuTimeNanos()) {
      return v; // first sample or restarted: no rates until the next one
    }
    DomainCounters p = prev.counters();
    double seconds = wallNanos / 1e9;
    long cpu = c.cpuTimeNanos() - p.cpuTimeNanos();
    v.put(MetricNames.CPU_USAGE_PERCENT, Math.min(100, 100.0 * cpu / wallNanos / Math.max(1, c.vcpus())));
    v.put(MetricNames.DISK_READ_BYTES_PER_SECOND, Deltas.increase(p.diskReadBytes(), c.diskReadBytes()) / seconds);
    v.put(MetricNames.DISK_WRITE_BYTES_PER_SECOND,
        Deltas.increase(p.diskWriteBytes(), c.diskWriteBytes()) / seconds);
    v.put(MetricNames.DISK_READ_OPS_PER_SECOND, Deltas.increase(p.diskReadOps(), c.diskReadOps()) / seconds);
    v.put(MetricNames.DISK_WRITE_OPS_PER_SECOND, Deltas.increase(p.diskWriteOps(), c.diskWriteOps()) / seconds);
    v.put(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND,
        Deltas.increase(p.networkReceiveBytes(), c.networkReceiveBytes()) / seconds);
    v.put(MetricNames.NETWORK_TRANSMIT_BYTES_PER_SECOND,
        Deltas.increase(p.networkTransmitBytes(), c.networkTransmitBytes()) / seconds);
    v.put(MetricNames.NETWORK_RECEIVE_PACKETS_PER_SECOND,
        Deltas.increase(p.networkReceivePackets(), c.networkReceivePackets()) / seconds);
    v.put(MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND,
        Deltas.increase(p.networkTransmitPackets(), c.networkTransmitPackets()) / seconds);
    return v;
  }

  static long memoryUsed(DomainCounters c) {
    if (c.unusedMemoryBytes() != null) {
      return Math.max(0, c.memoryBytes() - c.unusedMemoryBytes());
    }
    if (c.rssBytes() != null) {
      return Math.min(c.rssBytes(), c.memoryBytes());
    }
    return c.memoryBytes();
  }
}
